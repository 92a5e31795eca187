// An ApiError as a sentence a user understands: our own sentence for the common codes, the hub's message otherwise.
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/http';

export function useErrorText() {
  const { t, te } = useI18n();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (te(`errors.${err.code}`)) return t(`errors.${err.code}`);
      return t('errors.fallback', { message: err.message });
    }
    return t('errors.fallback', { message: err instanceof Error ? err.message : String(err) });
  };
}
