// A parcel's accepted results over time: the state on a given day (asOf) and the periods each result was current.
import { currentBoundaryResult, currentResultPerStage, STAGES, type ResultSummary, type Stage } from './survey-result';

/** China has one time zone, Asia/Shanghai, UTC+8 all year (no daylight saving). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** A calendar date YYYY-MM-DD that exists (2024-02-29 yes, 2025-02-29 no); undefined otherwise. */
export function parseCalendarDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/**
 * The last instant of a day in China (Asia/Shanghai, UTC+8), epoch ms: `2025-03-01` → 2025-03-01T15:59:59.999Z.
 * Stored times carry milliseconds (toISOString), so "≤ this" is "on or before that day". Throws RangeError on a bad date.
 */
export function endOfChinaDay(date: string): number {
  const d = parseCalendarDate(date);
  if (!d) throw new RangeError(`'${date}' is not a calendar date YYYY-MM-DD`);
  return Date.UTC(d.year, d.month - 1, d.day) + DAY_MS - CHINA_OFFSET_MS - 1;
}

const at = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/**
 * The results as they stood at instant `instant` (epoch ms, inclusive): only those submitted by then; a decision
 * taken later is undone (status 'submitted'); a supersession counts only once the superseding result was accepted
 * by then (a superseding result that cannot be found keeps the mark: never claim more is reusable than was).
 * `isCurrent`, `currentBoundaryResult` and `areasPerStage` applied to the answer give that moment's reusable set.
 */
export function resultsAsOf(results: ResultSummary[], instant: number): ResultSummary[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const acceptedBy = (r: ResultSummary | undefined) => !!r && r.status === 'accepted' && at(r.reviewedAt) <= instant;
  return results
    .filter((r) => at(r.submittedAt) <= instant)
    .map((r): ResultSummary => {
      if (at(r.reviewedAt) > instant) return { ...r, status: 'submitted', reviewer: null, reviewedAt: null, reviewNote: null, supersededBy: null };
      if (r.supersededBy === null) return r;
      const by = byId.get(r.supersededBy);
      return !by || acceptedBy(by) ? r : { ...r, supersededBy: null };
    });
}

/** One accepted result in the parcel's history; areas in m². */
export interface AcceptedResult {
  id: string;
  stage: Stage;
  kind: string;
  organisation: string;
  surveyedOn: string;
  reviewedAt: string;
  geometryRole: ResultSummary['geometryRole'];
  supersedes: string | null;
  supersededBy: string | null;
  /** When the superseding result was accepted (the moment this one stopped being reusable); null if not superseded. */
  supersededAt: string | null;
  /** Plane area of the boundary in its projected CRS, m². */
  planeAreaM2: number | null;
  declaredAreaM2: number | null;
  officialLandArea: boolean;
  declaredBuildingAreaM2: number | null;
  units: ResultSummary['units'];
  /** Accepted and not superseded today. */
  current: boolean;
}

/** A span of time during which one result was the current one (of its stage, or the parcel's boundary). */
export interface CurrentPeriod {
  surveyId: string;
  kind: string;
  organisation: string;
  surveyedOn: string;
  /** When it became current (an acceptance), ISO 8601. */
  from: string;
  /** When it stopped being current; null: still current. */
  until: string | null;
  /** 'superseded': a correction of it was accepted; 'newer': a newer result took its place; null: still current. */
  endedBy: 'superseded' | 'newer' | null;
  /** The result that ended it (the correction, or the new current one); null where nothing replaced it. */
  endedByResult: string | null;
}

export interface ParcelHistory {
  /** Every accepted result, in order of acceptance. */
  accepted: AcceptedResult[];
  /** Per stage, the periods of its current result, oldest first (the rule of `currentResultPerStage`). */
  periodsByStage: Record<Stage, CurrentPeriod[]>;
  /** The periods of the parcel's current boundary (the rule of `currentBoundaryResult`). */
  boundaryPeriods: CurrentPeriod[];
}

function acceptedResult(r: ResultSummary, byId: Map<string, ResultSummary>): AcceptedResult {
  return {
    id: r.id, stage: r.stage, kind: r.kind, organisation: r.organisation, surveyedOn: r.surveyedOn, reviewedAt: r.reviewedAt!,
    geometryRole: r.geometryRole, supersedes: r.supersedes, supersededBy: r.supersededBy,
    supersededAt: (r.supersededBy && byId.get(r.supersededBy)?.reviewedAt) ?? null,
    planeAreaM2: r.planeAreaM2, declaredAreaM2: r.declaredAreaM2, officialLandArea: r.officialLandArea,
    declaredBuildingAreaM2: r.declaredBuildingAreaM2, units: r.units, current: r.supersededBy === null,
  };
}

/** Turns "which result is current after each event" into periods: a new period whenever the current one changes. */
function periods(timeline: { when: string; current: ResultSummary | null; state: Map<string, ResultSummary> }[]): CurrentPeriod[] {
  const out: CurrentPeriod[] = [];
  for (const { when, current, state } of timeline) {
    const open = out.length && out[out.length - 1].until === null ? out[out.length - 1] : null;
    if ((open?.surveyId ?? null) === (current?.id ?? null)) continue;
    if (open) {
      const supersededBy = state.get(open.surveyId)?.supersededBy ?? null;
      Object.assign(open, { until: when, endedBy: supersededBy ? 'superseded' : 'newer', endedByResult: supersededBy ?? current?.id ?? null });
    }
    if (current) {
      out.push({ surveyId: current.id, kind: current.kind, organisation: current.organisation, surveyedOn: current.surveyedOn, from: when, until: null, endedBy: null, endedByResult: null });
    }
  }
  return out;
}

/**
 * The accepted results of a parcel over time. The current result per stage (and the current boundary) is recomputed
 * after every acceptance with the same rules as the parcel read, so a period ends when a correction of its result is
 * accepted or a newer result of the stage is; a result accepted later but surveyed earlier may never be current.
 */
export function parcelHistory(results: ResultSummary[]): ParcelHistory {
  const byId = new Map(results.map((r) => [r.id, r]));
  const accepted = results.filter((r) => r.status === 'accepted' && r.reviewedAt !== null).sort((a, b) => at(a.reviewedAt) - at(b.reviewedAt) || a.id.localeCompare(b.id));
  const events = [...new Map(accepted.map((r) => [at(r.reviewedAt), r.reviewedAt!])).entries()];
  const timeline = events.map(([instant, when]) => {
    const state = resultsAsOf(results, instant);
    return { when, state: new Map(state.map((r) => [r.id, r])), perStage: currentResultPerStage(state), boundary: currentBoundaryResult(state) ?? null };
  });
  return {
    accepted: accepted.map((r) => acceptedResult(r, byId)),
    periodsByStage: Object.fromEntries(STAGES.map((s) => [s, periods(timeline.map((t) => ({ ...t, current: t.perStage[s] })))])) as Record<Stage, CurrentPeriod[]>,
    boundaryPeriods: periods(timeline.map((t) => ({ ...t, current: t.boundary }))),
  };
}
