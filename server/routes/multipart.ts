// multipart/form-data uploads: one file and a few text fields, with limits; anything off is a clear 4xx.
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

/** Reads the request's parts: the field `file` (one) and text fields. */
export function parseMultipart(req: Request, limits = DEFAULT_UPLOAD_LIMITS): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.fileBytes, fields: limits.fields, fieldSize: limits.fieldBytes }, defParamCharset: 'utf8' });
    } catch (err) {
      reject(badRequest('UPLOAD_MALFORMED', `the upload is not readable multipart/form-data: ${(err as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: ParsedUpload['file'];
    let failure: HubError | undefined;
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= new HubError(413, 'UPLOAD_FIELD_TOO_LARGE', `the field ${name} is larger than ${limits.fieldBytes} bytes`);
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
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
    parser.on('error', (err: Error) => reject(badRequest('UPLOAD_MALFORMED', `the upload is not readable multipart/form-data: ${err.message}`)));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    req.pipe(parser);
  });
}

/** Text fields → the typed metadata object the schema checks (numbers and JSON where the schema wants them). */
export function coerceFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === '') continue;
    if (['precisionClass', 'areaPrecisionClass', 'declaredAreaM2', 'declaredBuildingAreaM2'].includes(name)) out[name] = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
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
