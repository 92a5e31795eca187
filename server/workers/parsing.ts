// The hub's parse pool and the two jobs it runs: startHub starts it with the configured limits, stop closes it.
// One pool per process (reading is pure): services call readInWorker / inspectInWorker without carrying it around.
import type { ReadOptions } from '../formats/read-delivery';
import type { ReadResult } from '../formats/delivery';
import type { KindRule, SurveySubmission, TargetMode } from '../domain/survey-submission';
import { attachTargets, type InspectAnswer } from './parse-job';
import type { StagedFile } from './staged-file';
import { ParsePool, type ParseOutcome, type ParsePoolOptions } from './parse-pool';

/** Used when no hub started the pool (scripts, unit tests): two workers, eight waiting, 512 MB each, two minutes a file. */
export const DEFAULT_PARSE_POOL: ParsePoolOptions = { size: 2, queueLimit: 8, memoryMb: 512, timeoutMs: 120_000 };

let pool: ParsePool | undefined;

/** Starts the pool with these limits; the jobs of the process go to it from now on (a pool started before keeps its own). */
export function startParsing(options: ParsePoolOptions): ParsePool {
  return (pool = new ParsePool(options));
}

/**
 * Closes `which` (by default the current pool): its waiting files get 503, its workers stop. When it was the current
 * pool, the next job starts a default one.
 */
export async function stopParsing(which: ParsePool | undefined = pool): Promise<void> {
  if (which === pool) pool = undefined;
  await which?.close();
}

const current = () => (pool ??= new ParsePool(DEFAULT_PARSE_POOL));

/**
 * readDelivery in a worker. `upload.bytes` travels to the worker and back: afterwards it is a new view of the same bytes.
 */
export async function readInWorker(upload: { fileName: string; bytes: Uint8Array }, options: ReadOptions = {}): Promise<ParseOutcome<ReadResult>> {
  const outcome = await current().run<ReadResult>({ kind: 'read', fileName: upload.fileName, options }, upload.bytes);
  upload.bytes = outcome.bytes;
  return outcome;
}

/**
 * readDelivery, then inspectSubmission (every check without a database), in a worker, with the plot summaries of the
 * report and, when the checks found no error, the geometries' GeoJSON text; `upload.bytes` as in readInWorker.
 * The 界址点 stay packed until read (a report needs none of them): call `complete()` before work that reads them all.
 */
export async function inspectInWorker(
  upload: { fileName: string; bytes: Uint8Array },
  options: ReadOptions,
  submission: { meta: Partial<SurveySubmission>; kinds: KindRule[]; today: string; mode: TargetMode },
): Promise<ParseOutcome<InspectAnswer>> {
  const outcome = await current().run<InspectAnswer>({ kind: 'inspect', fileName: upload.fileName, options, ...submission }, upload.bytes, 'points');
  upload.bytes = outcome.bytes;
  return { ...outcome, value: attachTargets(outcome.value) };
}

/**
 * The staged bulk import's reading in a worker: the file as staging rows with its pure findings (stageFile), `scope`
 * the counties the importer may work on (null: any); `upload.bytes` as in readInWorker.
 */
export async function stageInWorker(upload: { fileName: string; bytes: Uint8Array }, scope: string[] | null, options: ReadOptions): Promise<ParseOutcome<StagedFile>> {
  const outcome = await current().run<StagedFile>({ kind: 'stage', fileName: upload.fileName, options, scope }, upload.bytes);
  upload.bytes = outcome.bytes;
  return outcome;
}
