// An ApiError as a sentence in the user's language: our own sentence for every code the hub answers with (filled from
// the error's details, e.g. the bilingual reason of a 400 not_applicable), a refused file's first finding in the UI's
// language, and for anything else a sentence naming the code — never the hub's English message in the Chinese UI.
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/http';
import { isBilingual, useSay } from './useSay';
import type { Bilingual } from '../api/types';

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
      const finding = firstFinding(details);
      if (finding) return t('errors.withReason', { reason: say(finding) });
      if (te(`errors.${err.code}`)) return t(`errors.${err.code}`, params(details));
      if (isBilingual(details.reason)) return t('errors.withReason', { reason: say(details.reason) });
      return t('errors.fallback', { message: err.message, code: err.code });
    }
    return t('errors.fallback', { message: err instanceof Error ? err.message : String(err), code: 'APP' });
  };
}

/** The first error finding of a refused file (details.report.findings or details.findings), in both languages. */
function firstFinding(details: Record<string, unknown>): Bilingual | undefined {
  const report = details.report as { findings?: unknown } | undefined;
  const findings = (Array.isArray(report?.findings) ? report.findings : Array.isArray(details.findings) ? details.findings : []) as Array<Record<string, unknown>>;
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  return first && typeof first.message === 'string' && typeof first.messageZh === 'string' ? { zh: first.messageZh, en: first.message } : undefined;
}
