// Bilingual text from the hub ({ zh, en }) in the UI's language: zh for zh-CN, en for English.
import { useI18n } from 'vue-i18n';
import type { Bilingual } from '../api/types';

export const isBilingual = (v: unknown): v is Bilingual => !!v && typeof v === 'object' && typeof (v as Bilingual).zh === 'string' && typeof (v as Bilingual).en === 'string';

export function useSay() {
  const { locale } = useI18n();
  return (text: Bilingual | string | null | undefined): string => (text == null ? '' : typeof text === 'string' ? text : locale.value === 'en' ? text.en : text.zh);
}
