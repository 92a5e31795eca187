// What a parse worker is asked to do and what it answers: plain data only, the file's bytes transferred both ways.
import type { ReadOptions } from '../formats/read-delivery';
import type { KindRule, SurveySubmission, TargetMode } from '../domain/survey-submission';
import type { Packed } from './packed-transfer';

/** `read`: the file read into a delivery (ReadResult); `inspect`: read, then every pure check of the submission (inspectSubmission's answer). */
export type ParseJob =
  | { kind: 'read'; fileName: string; options: ReadOptions }
  | { kind: 'inspect'; fileName: string; options: ReadOptions; meta: Partial<SurveySubmission>; kinds: KindRule[]; today: string; mode: TargetMode };

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
