// What a parse worker is asked to do and what it answers: plain data only, the file's bytes transferred both ways.
import type { ReadOptions } from '../formats/read-delivery';
import type { inspectSubmission, KindRule, SurveySubmission, Target, TargetMode } from '../domain/survey-submission';
import type { Packed } from './packed-transfer';
import type { PlotSummary } from '../quality/quality-report';

/**
 * `read`: the file read into a delivery (ReadResult); `inspect`: read, then every pure check of the submission
 * (inspectSubmission's answer); `stage`: the file as staging rows of the staged bulk import (StagedFile).
 */
export type ParseJob =
  | { kind: 'read'; fileName: string; options: ReadOptions }
  | { kind: 'stage'; fileName: string; options: ReadOptions; scope: string[] | null }
  | { kind: 'inspect'; fileName: string; options: ReadOptions; meta: Partial<SurveySubmission>; kinds: KindRule[]; today: string; mode: TargetMode };

/**
 * What an `inspect` job answers: inspectSubmission's answer, the report's plot summaries and, when it found no error,
 * the GeoJSON text of every target plot (plotGeometriesJson) and of every target (targetGeometryJson).
 */
export interface InspectAnswer {
  checked: ReturnType<typeof inspectSubmission>;
  /** The quality report's summary of each plot of the delivery (buildReport's `plots`), when there is a delivery. */
  plots?: PlotSummary[];
  geometries?: { plots: string[]; targets: (string | null)[] };
}

/** To the worker: the job and the file's bytes (an ArrayBuffer in the transfer list). */
export interface JobMessage {
  id: number;
  job: ParseJob;
  bytes: ArrayBuffer;
}

/** From the worker: the packed answer and the file's SHA-256 (hex), the bytes handed back; or why it could not. */
export type AnswerMessage =
  | { id: number; ok: true; packed: Packed; sha256: string; bytes: ArrayBuffer }
  | { id: number; ok: false; message: string; bytes: ArrayBuffer };

/** A target on the way to the main thread: its plots as indexes into the delivery's plots (packing keeps no shared objects). */
type TravellingTarget = Target & { plotIndexes?: number[] };

/** In the worker, before packing: each target's plots replaced by their indexes in delivery.plots. */
export function detachTargets(answer: InspectAnswer): InspectAnswer {
  const inspection = answer.checked.ok ? answer.checked.value.inspection : null;
  if (!inspection?.delivery) return answer;
  const index = new Map(inspection.delivery.plots.map((plot, i) => [plot, i]));
  inspection.targets = inspection.targets.map((t): TravellingTarget => ({ ...t, plots: [], plotIndexes: t.plots.map((plot) => index.get(plot)!) }));
  return answer;
}

/** On the main thread, after unpacking: each target's plots are the delivery's own plot objects again. */
export function attachTargets(answer: InspectAnswer): InspectAnswer {
  const inspection = answer.checked.ok ? answer.checked.value.inspection : null;
  if (!inspection?.delivery) return answer;
  const plots = inspection.delivery.plots;
  for (const target of inspection.targets as TravellingTarget[]) {
    if (!target.plotIndexes) continue;
    target.plots = target.plotIndexes.map((i) => plots[i]);
    delete target.plotIndexes;
  }
  return answer;
}
