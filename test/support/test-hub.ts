// The real app against the suite's database, on a free port, with a request helper that fails on any 5xx.
import type pg from 'pg';
import { startHub } from '../../server/hub';
import type { EngineName } from '../../server/db/database';
import { matches } from '../../server/schemas';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface TestHub {
  url: string;
  pool: pg.Pool;
  engine: EngineName;
  request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

/** The engine this run claims to test: a server when TEST_DATABASE_URL is set, else the embedded one. */
export const expectedEngine: EngineName = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

export async function startTestHub(): Promise<TestHub> {
  const url = process.env.HUB_TEST_DB;
  if (!url) throw new Error('HUB_TEST_DB is not set: run the tests through jest (test/support/global-setup.ts)');
  const hub = await startHub({ port: 0, host: '127.0.0.1', databaseUrl: url, dataDir: '', demo: false, embeddedPgPort: 0 }, () => undefined);
  return {
    url: hub.url,
    pool: hub.db.pool,
    engine: hub.db.engine,
    async request(method, path, body) {
      const res = await fetch(`${hub.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text };
    },
    stop: hub.stop,
  };
}

/** A 孟州 (410883) parcel code in 90000–99999, the range the demo data leaves to tests; random 地籍区/子区 keep runs apart. */
export function freshParcelCode(rightType = 'GB'): string {
  const n = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return `410883${pad(n(1, 999), 3)}${pad(n(1, 999), 3)}${rightType}${n(90000, 99999)}`;
}

/** Fails with the schema's complaints when `body` does not match schemas/<id>. */
export function expectSchema(id: string, body: unknown): void {
  const { ok, errors } = matches(id, body);
  if (!ok) throw new Error(`response does not match schema ${id}: ${errors.join('; ')}`);
}
