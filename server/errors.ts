// One error model: every failure a user can cause is a HubError with an HTTP status, a stable code and a message.
import type { ErrorRequestHandler } from 'express';
import { knownDatabaseError } from './db-errors';

/** An error meant for the client: status 4xx (or 503), a stable machine code, a message a surveyor understands. */
export class HubError extends Error {
  /** Response headers the error needs (Retry-After of a 503 or 429). */
  headers?: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new HubError(400, code, message, details);
export const notFound = (code: string, message: string, details?: unknown) => new HubError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new HubError(409, code, message, details);

/** Renders every error as `{ code, message, details }`; unexpected ones are logged and answered 500 without internals. */
export const errorMiddleware: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof HubError) {
    if (err.headers) res.set(err.headers);
    res.status(err.status).json({ code: err.code, message: err.message, details: err.details ?? null });
    return;
  }
  // body-parser: malformed JSON, oversized body, wrong charset.
  if (err && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    const code = err.type === 'entity.too.large' ? 'BODY_TOO_LARGE' : err.type === 'entity.parse.failed' ? 'BODY_NOT_JSON' : 'BAD_REQUEST';
    const message = code === 'BODY_NOT_JSON' ? `The request body is not valid JSON: ${err.message}` : err.message;
    res.status(err.status).json({ code, message, details: null });
    return;
  }
  const known = knownDatabaseError(err);
  if (known) {
    res.status(known.status).json({ code: known.code, message: known.message, details: null });
    return;
  }
  console.error('unexpected error', err);
  res.status(500).json({ code: 'INTERNAL', message: 'The hub could not complete this request; it has been logged.', details: null });
};
