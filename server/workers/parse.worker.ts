// The parse worker: reads a survey file and runs the checks that need no database, off the hub's main thread.
import crypto from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readDelivery } from '../formats/read-delivery';
import { inspectSubmission } from '../domain/survey-submission';
import { plotGeometriesJson, targetGeometryJson } from '../services/neighbours.service';
import { buildReport } from '../quality/quality-report';
import { pack } from './packed-transfer';
import { stageFile } from './staged-file';
import { detachTargets, type AnswerMessage, type InspectAnswer, type JobMessage, type ParseJob } from './parse-job';

/**
 * The report's plot summaries (the main thread then needs no 界址点 to report) and a sound inspection's geometries as
 * GeoJSON text (for the neighbour check and the store): large texts are built here, not on the main thread.
 */
function withSummaries(checked: ReturnType<typeof inspectSubmission>): InspectAnswer {
  const inspection = checked.ok ? checked.value.inspection : null;
  if (!inspection?.delivery) return { checked };
  const plots = buildReport(inspection.delivery.fileName, inspection.delivery, []).plots;
  if (inspection.findings.some((f) => f.severity === 'error')) return { checked, plots };
  return { checked, plots, geometries: { plots: plotGeometriesJson(inspection.targets), targets: inspection.targets.map(targetGeometryJson) } };
}

async function readOrInspect(job: Exclude<ParseJob, { kind: 'stage' }>, data: Uint8Array): Promise<unknown> {
  const read = await readDelivery(job.fileName, data, job.options);
  return job.kind === 'read' ? read : detachTargets(withSummaries(inspectSubmission(job.meta, job.kinds, job.today, read, job.mode)));
}

async function answer({ id, job, bytes }: JobMessage): Promise<{ message: AnswerMessage; transfer: ArrayBuffer[] }> {
  const data = new Uint8Array(bytes);
  try {
    const value = job.kind === 'stage' ? await stageFile(job.fileName, data, job.scope, job.options) : await readOrInspect(job, data);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const packed = pack(value);
    return { message: { id, ok: true, packed, sha256, bytes }, transfer: [bytes, packed.buffer] };
  } catch (err) {
    // A reader that throws is a bug of the reader: the main thread answers it as a file it could not check.
    return { message: { id, ok: false, message: (err as Error)?.message ?? String(err), bytes }, transfer: [bytes] };
  }
}

parentPort!.on('message', (job: JobMessage) => {
  void answer(job).then(({ message, transfer }) => parentPort!.postMessage(message, transfer));
});
parentPort!.postMessage({ ready: true });
