// multipart/form-data uploads: one file and a few text fields, with limits; anything off is a clear 4xx.
// A body may be cut off, garbled or abandoned at any byte: every stream's errors are handled and the promise
// settles exactly once, so nothing a client sends can end the process.
import busboy from 'busboy';
import type { Request } from 'express';
import { badRequest, HubError } from '../errors';

export interface UploadLimits {
  fileBytes: number;
  fields: number;
  fieldBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { fileBytes: 100 * 1024 * 1024, fields: 40, fieldBytes: 4 * 1024 * 1024 };

export interface ParsedUpload {
  fields: Record<string, string>;
  file?: { fileName: string; bytes: Buffer };
}

const malformed = (why: string) => badRequest('UPLOAD_MALFORMED', `the upload is not readable multipart/form-data (${why}); send the file with its fields as a complete multipart/form-data body`);

/** busboy's own reasons, in words a client can act on (never a stack or an internal text). */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/unexpected end/i.test(text)) return 'the body ends before its closing boundary';
  if (/boundary/i.test(text)) return 'the Content-Type has no usable boundary';
  if (/unsupported content type/i.test(text)) return 'the Content-Type is not multipart/form-data';
  if (/malformed part header/i.test(text)) return 'a part header is malformed';
  return 'the body is not well-formed';
}

/** Reads the request's parts: the field `file` (one) and text fields. Never rejects with anything but a HubError. */
export function parseMultipart(req: Request, limits = DEFAULT_UPLOAD_LIMITS): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let parser: busboy.Busboy;
    const fields: Record<string, string> = Object.create(null);
    let file: ParsedUpload['file'];
    let failure: HubError | undefined;

    /** Settles once; on failure stops parsing and drains what the client still sends, so the answer can be read. */
    const settle = (err?: HubError) => {
      if (settled) return;
      settled = true;
      if (err) {
        req.unpipe(parser);
        req.resume();
        reject(err);
      } else resolve({ fields: { ...fields }, file });
    };

    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.fileBytes, fields: limits.fields, fieldSize: limits.fieldBytes, parts: limits.fields + 1 }, defParamCharset: 'utf8' });
    } catch (err) {
      reject(malformed(reasonOf(err)));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= new HubError(413, 'UPLOAD_FIELD_TOO_LARGE', `the field ${name} is larger than ${limits.fieldBytes} bytes`);
      if (info.nameTruncated) failure ??= badRequest('UPLOAD_FIELD_UNKNOWN', 'a field name is too long');
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('error', (err: Error) => settle(malformed(reasonOf(err))));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure ??= new HubError(413, 'UPLOAD_TOO_LARGE', `the file ${info.filename} is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB; split the delivery into several files`);
      });
      stream.on('end', () => {
        if (name !== 'file') failure ??= badRequest('UPLOAD_FIELD_UNKNOWN', `send the survey file in the field 'file', not '${name}'`);
        else file = { fileName: info.filename || 'upload', bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => (failure ??= badRequest('UPLOAD_TOO_MANY_FILES', 'send one file per submission (or use npm run import for many)')));
    parser.on('fieldsLimit', () => (failure ??= badRequest('UPLOAD_TOO_MANY_FIELDS', `at most ${limits.fields} fields`)));
    parser.on('partsLimit', () => (failure ??= badRequest('UPLOAD_TOO_MANY_FIELDS', `at most ${limits.fields} fields and one file`)));
    parser.on('error', (err: Error) => settle(malformed(reasonOf(err))));
    parser.on('close', () => settle(failure));
    req.on('error', () => settle(malformed('the connection failed while the body was sent')));
    req.on('aborted', () => settle(malformed('the client stopped sending the body')));
    req.pipe(parser);
  });
}

const NUMERIC_FIELDS = ['precisionClass', 'areaPrecisionClass', 'declaredAreaM2', 'declaredBuildingAreaM2'];

/** Text fields → the typed metadata object the schema checks (numbers and JSON where the schema wants them). */
export function coerceFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === '') continue;
    if (NUMERIC_FIELDS.includes(name)) out[name] = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    else if (name === 'predecessorCodes') out[name] = value.split(/[,;\s]+/).filter(Boolean);
    else if (name === 'units') {
      try {
        out[name] = JSON.parse(value);
      } catch {
        throw badRequest('BODY_INVALID', 'the field units must be a JSON array of { unitCode, buildingAreaM2, innerAreaM2, sharedAreaM2 }');
      }
    } else out[name] = value;
  }
  return out;
}
