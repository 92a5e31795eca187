// A bounded pool of parse workers: at most `size` files are read at once, at most `queueLimit` wait (beyond: 503 BUSY),
// each worker has its own heap limit (beyond: 413 naming the file) and time limit; a worker that dies is replaced.
// Workers are started when files arrive, not before.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HubError } from '../errors';
import { unpack } from './packed-transfer';
import type { AnswerMessage, ParseJob } from './parse-job';

const BOOTSTRAP = path.join(__dirname, 'parse-worker.js');

export interface ParsePoolOptions {
  /** Workers, i.e. files parsed at the same time. */
  size: number;
  /** Files that may wait for a worker; one more is answered 503 BUSY. */
  queueLimit: number;
  /** Heap of one worker, MB (V8 old generation); a file that needs more is refused, the worker replaced. */
  memoryMb: number;
  /** Time one file may take, ms; beyond it the worker is stopped and replaced. */
  timeoutMs: number;
}

/** What a job gives back: its answer as plain data, the file's SHA-256, and the file's bytes (back from the worker). */
export interface ParseOutcome<T> {
  value: T;
  sha256: string;
  bytes: Uint8Array;
  /** Unpacks what `defer` left packed (see unpack), in slices. */
  complete(): Promise<void>;
}

interface Pending {
  id: number;
  job: ParseJob;
  bytes: ArrayBuffer;
  /** The file's size (the buffer is detached once it travels). */
  size: number;
  resolve(answer: AnswerMessage): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
  timer?: NodeJS.Timeout;
  /** Why the worker is ending, when the pool ends it (time limit, shutdown). */
  ending?: HubError;
  outOfMemory?: boolean;
  /** Its modules are loaded: it takes files (and their time limit runs) from then on. */
  ready?: boolean;
}

/** How many times the time limit a staged bulk read (job `stage`) may take. */
const STAGED_TIME_FACTOR = 3;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /** Workers start with the first files (a hub that is never sent one starts none), up to `size`. */
  constructor(readonly options: ParsePoolOptions) {}

  /**
   * Runs `job` on `bytes` in a worker; arrays under the key `defer` stay packed until used (see unpack). The bytes
   * are transferred (not copied) when they own their whole buffer, and come back in the outcome; otherwise a copy
   * travels. Throws HubError: 503 BUSY, 413 FILE_TOO_LARGE_TO_CHECK, 422 FILE_CHECK_TIMEOUT / FILE_CHECK_FAILED.
   */
  async run<T>(job: ParseJob, bytes: Uint8Array, defer?: string): Promise<ParseOutcome<T>> {
    if (this.closed) throw shuttingDown();
    const free = this.slots.length < this.options.size || this.slots.some((s) => !s.current && !s.ending);
    if (!free && this.queue.length >= this.options.queueLimit) {
      const error = new HubError(503, 'BUSY', `the hub is checking ${this.options.size} files and ${this.queue.length} more are waiting; send ${job.fileName} again in a few seconds`);
      error.headers = { 'Retry-After': '5' };
      throw error;
    }
    // A Buffer from Node's pool shares its ArrayBuffer with others: that one travels as a copy (new Uint8Array copies;
    // Buffer#slice would not). toString, not instanceof: jest runs tests in another realm.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && Object.prototype.toString.call(bytes.buffer) === '[object ArrayBuffer]';
    const buffer = owned ? (bytes.buffer as ArrayBuffer) : (new Uint8Array(bytes).buffer as ArrayBuffer);
    const answer = await new Promise<AnswerMessage>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, bytes: buffer, size: buffer.byteLength, resolve, reject });
      this.dispatch();
    });
    if (!answer.ok) {
      throw new HubError(422, 'FILE_CHECK_FAILED', `${job.fileName} could not be read (${answer.message}); export it again or deliver it in another format`);
    }
    const { value, complete } = await unpack<T>(answer.packed, { defer });
    return { value, complete, sha256: answer.sha256, bytes: new Uint8Array(answer.bytes) };
  }

  /** Refuses new jobs, fails the waiting ones with 503, stops every worker (jobs in flight fail too: drain requests first). */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(shuttingDown());
    await Promise.all(this.slots.map((slot) => {
      slot.ending = shuttingDown();
      return slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.options.memoryMb / 8)) },
    });
    // An idle pool does not keep the process alive; the HTTP server does.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (answer: AnswerMessage | { ready: true }) => {
      // A fresh worker says when its modules are loaded: a file's time limit starts then, not while tsx boots.
      if ('ready' in answer) {
        slot.ready = true;
        if (slot.current) this.start(slot);
        return;
      }
      const pending = slot.current;
      this.release(slot);
      pending?.resolve(answer);
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.outOfMemory = true;
    });
    worker.on('exit', () => this.replace(slot));
    return slot;
  }

  /** A worker ended (memory, time limit, crash, shutdown): its job fails with the reason; the next file starts a new worker. */
  private replace(slot: Slot): void {
    const pending = slot.current;
    const reason = slot.ending ?? (slot.outOfMemory && pending ? tooLarge(pending, this.options.memoryMb) : undefined);
    this.release(slot);
    if (pending) pending.reject(reason ?? new HubError(422, 'FILE_CHECK_FAILED', `checking ${pending.job.fileName} stopped unexpectedly; export it again or deliver it in another format`));
    // A worker that could not even start would be replaced forever: the file waiting longest is answered instead.
    if (!slot.ready && !slot.ending && !pending) this.queue.shift()?.reject(new HubError(503, 'FILE_CHECK_FAILED', 'the hub could not start a worker to check the file; try again later'));
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (!this.closed) this.dispatch();
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.current = undefined;
    slot.timer = undefined;
  }

  private dispatch(): void {
    while (this.queue.length > this.slots.filter((s) => !s.current && !s.ending).length && this.slots.length < this.options.size) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.current || slot.ending) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      slot.current = pending;
      if (slot.ready) this.start(slot);
    }
  }

  /** Sends a slot's file to its worker; the time limit runs from here (a fresh worker starts once it is ready). */
  private start(slot: Slot): void {
    const pending = slot.current!;
    // A staged read streams in bounded memory, so its time grows with the file alone: it gets three times the limit.
    const limitMs = this.options.timeoutMs * (pending.job.kind === 'stage' ? STAGED_TIME_FACTOR : 1);
    slot.timer = setTimeout(() => {
      slot.ending = new HubError(422, 'FILE_CHECK_TIMEOUT', `checking ${pending.job.fileName} (${mb(pending.size)}) took longer than ${Math.round(limitMs / 1000)} s and was stopped; split the delivery into several files`);
      void slot.worker.terminate();
    }, limitMs);
    slot.worker.postMessage({ id: pending.id, job: pending.job, bytes: pending.bytes }, [pending.bytes]);
  }
}

function tooLarge(pending: Pending, memoryMb: number): HubError {
  return new HubError(413, 'FILE_TOO_LARGE_TO_CHECK', `checking ${pending.job.fileName} (${mb(pending.size)}) needed more than the ${memoryMb} MB of memory one check may use; split the delivery into several files`);
}

const shuttingDown = () => Object.assign(new HubError(503, 'SHUTTING_DOWN', 'the hub is shutting down; send the file again in a minute'), { headers: { 'Retry-After': '60' } });
