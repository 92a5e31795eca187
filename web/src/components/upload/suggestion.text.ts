// A finding's suggestion (structured data from the hub) as one sentence in the user's language, with values rounded as
// surveyors write them: coordinates and distances to 0.001 m, areas to 0.01 m², km to 0.1. Pure: `t` is vue-i18n's.

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Data = Record<string, unknown>;

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Metres as surveyed: 3 decimals. */
export const metres = (v: number) => v.toFixed(3);
/** Square metres as registered: 2 decimals; a limit below 0.01 m² keeps the digit that makes it (0.005). */
export const squareMetres = (v: number) => (v !== 0 && Math.abs(v) < 0.01 ? String(Math.round(v * 1000) / 1000) : v.toFixed(2));

/** The sentence of a code's suggestion, or null where the code has none of its own. */
function sentenceFor(code: string, s: Data, t: Translate): string | null {
  const points = Array.isArray(s.points) ? (s.points as Data[]) : null;
  if (/COORDINATES_SWAPPED$/.test(code) && points?.length && num(points[0].x) && num(points[0].y)) {
    const first = t('suggestions.swapped', { point: String(points[0].pointNo ?? ''), x: metres(points[0].x), y: metres(points[0].y) });
    return points.length > 1 ? `${first}${t('suggestions.swappedMore', { n: points.length - 1 })}` : first;
  }
  if (num(s.allowedDecimals)) return t('suggestions.decimals', { decimals: s.allowedDecimals, n: num(s.points) ? s.points : 1 });
  if (num(s.computedM2) && num(s.declaredM2)) {
    return t('suggestions.area', { computed: squareMetres(s.computedM2), declared: squareMetres(s.declaredM2), difference: squareMetres(Math.abs(num(s.differenceM2) ? s.differenceM2 : s.declaredM2 - s.computedM2)), limit: num(s.limitM2) ? squareMetres(s.limitM2) : '—' });
  }
  if (typeof s.parcelCode === 'string' && num(s.overlapM2)) return t('suggestions.overlap', { parcelCode: s.parcelCode, area: squareMetres(s.overlapM2) });
  if (typeof s.county === 'string' && num(s.distanceKm)) {
    return typeof s.actualCounty === 'string'
      ? t('suggestions.countyElsewhere', { county: s.county, km: s.distanceKm.toFixed(1), actual: s.actualCounty })
      : t('suggestions.countyNowhere', { county: s.county, km: s.distanceKm.toFixed(1) });
  }
  return null;
}

/** Any other value as "name value" pairs, numbers rounded to 0.001 (never raw JSON, never float noise). */
function plainValues(s: Data, t: Translate): string {
  const value = (v: unknown): string => (num(v) ? String(Math.round(v * 1000) / 1000) : Array.isArray(v) ? v.map(value).join(t('app.listSeparator')) : v && typeof v === 'object' ? plainValues(v as Data, t) : String(v));
  return Object.entries(s).map(([k, v]) => `${k} ${value(v)}`).join(t('app.listSeparator'));
}

/** The suggestion as a sentence; '' where the finding offers none. */
export function suggestionText(code: string, suggestion: unknown, t: Translate): string {
  if (suggestion == null || suggestion === '') return '';
  if (typeof suggestion !== 'object') return num(suggestion) ? String(Math.round(suggestion * 1000) / 1000) : String(suggestion);
  return sentenceFor(code, suggestion as Data, t) ?? plainValues(suggestion as Data, t);
}
