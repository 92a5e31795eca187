// The one place the app talks HTTP: JSON in and out, the hub's error shape `{ code, message, details }` as ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (typeof body === 'object' && body) || {};
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? String(body || res.statusText), e.details ?? null);
  }
  return body as T;
}

async function send<T>(method: string, path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The hub cannot be reached.');
  }
  return answer<T>(res);
}

/** GET a JSON document; `query` values that are undefined or '' are left out. */
export function getJson<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return send<T>('GET', qs ? `${path}?${qs}` : path);
}

export function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function sendForm<T>(path: string, form: FormData): Promise<T> {
  return send<T>('POST', path, { body: form });
}
