// vue-i18n set-up: zh-CN first, English second; the choice is remembered in localStorage.
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';
import { apiErrorTexts } from './api-errors';
import tasksZh from './tasks.zh-CN';
import tasksEn from './tasks.en';

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('locale');

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  // every API error code's sentence (api-errors.ts), then the ones with values to fill (zh-CN.ts / en.ts)
  messages: {
    'zh-CN': { ...zhCN, ...tasksZh, errors: { ...apiErrorTexts('zh'), ...zhCN.errors } },
    en: { ...en, ...tasksEn, errors: { ...apiErrorTexts('en'), ...en.errors } },
  },
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.global.locale.value;

export function toggleLocale(): void {
  const next = i18n.global.locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  i18n.global.locale.value = next;
  localStorage.setItem('locale', next);
  document.documentElement.lang = next;
}
