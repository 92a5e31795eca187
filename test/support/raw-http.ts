// Requests with exactly the bytes and headers a test gives (fetch would fix them): a cut-off body, a lying
// Content-Length, a malformed header value. A request the server never answers comes back as status 0.
import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Close the connection after the body instead of waiting for the answer longer than this, ms (default 10 s). */
  timeoutMs?: number;
  /** Send only this many bytes of the body, then end the connection (the Content-Length still counts all). */
  hangUpAfter?: number;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

/** status 0: no answer (connection closed or timed out); -1: Node refused to send the request. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function rawRequest(base: string, r: RawRequest): Promise<RawAnswer> {
  const url = new URL(r.path, base);
  const body = r.body ? Buffer.from(r.body) : undefined;
  const headers: Record<string, string> = { ...(body && !r.chunked ? { 'content-length': String(body.length) } : {}), ...r.headers };
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      // agent: false — a connection per request, so a garbled request cannot spill into the next one
      req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path.startsWith('/') ? r.path : url.pathname + url.search, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: 0, headers: {}, text: '' }));
      });
    } catch {
      resolve({ status: -1, headers: {}, text: 'not sendable: Node refuses this path or header' });
      return;
    }
    req.setTimeout(r.timeoutMs ?? 10_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, headers: {}, text: '' }));
    if (body && r.hangUpAfter !== undefined) {
      req.write(body.subarray(0, r.hangUpAfter), () => setTimeout(() => req.destroy(), 50));
    } else req.end(body);
  });
}

/** A multipart/form-data body: text fields, then the file (if any) in field `file`. */
export function multipartBody(boundary: string, fields: Record<string, string | number>, file?: { name: string; bytes: Uint8Array; field?: string }): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}
