// An ApiError as a sentence a user understands: our own sentence for the common codes (filled from the error's details,
// e.g. the bilingual reason of a 400 not_applicable in the UI's language), the hub's message otherwise.
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/http';
import { isBilingual, useSay } from './useSay';

export function useErrorText() {
  const { t, te } = useI18n();
  const say = useSay();
  /** The values an error sentence may name, from the error's details. */
  const params = (details: Record<string, unknown>) => ({
    reason: isBilingual(details.reason) ? say(details.reason) : '',
    parcelCode: String(details.parcelCode ?? ''),
    changeNo: String(details.changeNo ?? ''),
    codes: Array.isArray(details.successorCodes) ? details.successorCodes.join(t('app.listSeparator')) : '',
    kind: details.kind === 'split' || details.kind === 'merge' ? t(`lineage.retiredKinds.${details.kind}`) : '',
  });
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      const details = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>;
      if (te(`errors.${err.code}`)) return t(`errors.${err.code}`, params(details));
      if (isBilingual(details.reason)) return t('errors.withReason', { reason: say(details.reason) });
      return t('errors.fallback', { message: err.message });
    }
    return t('errors.fallback', { message: err instanceof Error ? err.message : String(err) });
  };
}
