// Every error code the hub can answer with has a sentence in both of the web app's languages: the codes are collected
// from the server source, so a new code without its texts fails here, not in front of a user.
import { serverErrorCodes } from '../support/error-codes';
import { apiErrorTexts } from '../../web/src/i18n/api-errors';
import zhCN from '../../web/src/i18n/zh-CN';
import en from '../../web/src/i18n/en';

const zhTexts: Record<string, string> = { ...apiErrorTexts('zh'), ...zhCN.errors };
const enTexts: Record<string, string> = { ...apiErrorTexts('en'), ...en.errors };
const codes = [...serverErrorCodes().keys()];
/** Codes the web app makes itself (no answer from the hub) and the texts that are not codes. */
const CLIENT_ONLY = ['NETWORK', 'QUALITY_FAILED', 'withReason', 'fallback'];

describe('the API error codes in the web app', () => {
  it('are collected from every kind of place the server writes them', () => {
    // a helper, a constructor, the database table, a refused query value, the middleware's choice, a domain refusal
    expect(codes).toEqual(expect.arrayContaining(['SURVEY_NOT_FOUND', 'REVIEW_OWN_SUBMISSION', 'RESULT_IMMUTABLE', 'EXPORT_FORMAT_UNSUPPORTED', 'BODY_NOT_JSON', 'BAD_REQUEST', 'UNIT_NOT_A_BUILDING', 'SURVEY_SUSPENDED']));
    expect(codes.length).toBeGreaterThan(100);
  });

  it('each have a Chinese and an English sentence', () => {
    expect(codes.filter((c) => !zhTexts[c])).toEqual([]);
    expect(codes.filter((c) => !enTexts[c])).toEqual([]);
  });

  it('are written in Chinese in the Chinese texts, never as an English sentence', () => {
    const english = Object.entries(zhTexts).filter(([k, text]) => k !== 'withReason' && (!/[\u4e00-\u9fff]/.test(text) || /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(text)));
    expect(english).toEqual([]);
  });

  it('name no code the hub does not answer with', () => {
    const stale = Object.keys(zhTexts).filter((c) => !codes.includes(c) && !CLIENT_ONLY.includes(c));
    expect(stale).toEqual([]);
  });
});
