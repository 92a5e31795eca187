// The real app against the suite's database, on a free port, with a request helper that fails on any 5xx.
import type pg from 'pg';
import { startHub } from '../../server/hub';
import type { EngineName } from '../../server/db/database';
import { matches } from '../../server/schemas';
import { loadConfig } from '../../server/config';
import { createAccount } from '../../server/services/accounts.service';
import { ROLES, type Role } from '../../server/auth/viewer';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface TestHub {
  url: string;
  pool: pg.Pool;
  engine: EngineName;
  /** The cookie of the session every helper request carries: an account holding every role. */
  cookie: string;
  /** The username of that account (audit rows name it). */
  username: string;
  /**
   * The session a helper request deciding a result (POST /api/surveys/{id}/review) carries: a second account with
   * every role, since nobody decides a result they submitted (separation of duties).
   */
  reviewerCookie: string;
  /** A new account with these roles (and organisation, for a surveyor), logged in: its session cookie. */
  login(roles: Role[], options?: { organisation?: string; countyCodes?: string[] }): Promise<{ cookie: string; username: string; id: string }>;
  request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** multipart/form-data: the file in field `file`, the rest as text fields. */
  upload<T = any>(path: string, fields: Record<string, string | number>, file: { name: string; bytes: Uint8Array }): Promise<ApiResponse<T>>;
  /** A download: status, headers and the raw bytes. */
  download(path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }>;
  stop(): Promise<void>;
}

/** The engine this run claims to test: a server when TEST_DATABASE_URL is set, else the embedded one. */
export const expectedEngine: EngineName = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

/** The hub's configuration for tests: the suite's database, any free port, no demo, no rate limit or login budget. */
export function testConfig(env: Record<string, string> = {}) {
  const url = process.env.HUB_TEST_DB;
  if (!url) throw new Error('HUB_TEST_DB is not set: run the tests through jest (test/support/global-setup.ts)');
  return loadConfig({ DATABASE_URL: url, PORT: '0', DEMO: '0', RATE_LIMIT: '0', LOGIN_FAILURES_PER_ADDRESS: '0', ADMIN_PASSWORD: 'test-admin-password', ...env });
}

export const TEST_ORGANISATION = '焦作市测试测绘有限公司';

/** The real app on the suite's database; `env` overrides the test configuration (e.g. PARSE_WORKERS, LOGIN_FAILURES_PER_ADDRESS). */
export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const hub = await startHub(testConfig(env), () => undefined);
  const login = async (roles: Role[], options: { organisation?: string; countyCodes?: string[] } = {}) => {
    const username = `t-${roles.join('-')}-${Math.random().toString(36).slice(2, 10)}`;
    const organisation = options.organisation ?? (roles.includes('surveyor') ? TEST_ORGANISATION : null);
    const { id } = await createAccount(hub.db.pool, { username, kind: 'person', roles, organisation, password: 'test-password', countyCodes: options.countyCodes ?? null });
    const res = await fetch(`${hub.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'test-password' }) });
    if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}`);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0], username, id };
  };
  const { cookie, username } = await login([...ROLES]);
  const { cookie: reviewerCookie } = await login([...ROLES]);
  const sessionFor = (method: string, path: string) => (method === 'POST' && /^\/api\/surveys\/[^/]+\/review$/.test(path) ? reviewerCookie : cookie);
  const answer = async (method: string, path: string, res: Response) => {
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text };
  };
  return {
    url: hub.url,
    pool: hub.db.pool,
    engine: hub.db.engine,
    cookie,
    username,
    reviewerCookie,
    login,
    async request(method, path, body) {
      const res = await fetch(`${hub.url}${path}`, {
        method,
        headers: { cookie: sessionFor(method, path), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return answer(method, path, res);
    },
    async upload(path, fields, file) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
      form.append('file', new Blob([Buffer.from(file.bytes)]), file.name);
      return answer('POST', path, await fetch(`${hub.url}${path}`, { method: 'POST', body: form, headers: { cookie } }));
    },
    async download(path) {
      const res = await fetch(`${hub.url}${path}`, { headers: { cookie } });
      if (res.status >= 500) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
    },
    stop: hub.stop,
  };
}

/**
 * A 孟州 (410883) parcel code in 90000–99999, the range the demo data leaves to tests; random 地籍区/子区
 * keep runs apart. Plots of test files lying where the DOMAIN.md sample lies (解放区) take county '410802'.
 */
export function freshParcelCode(rightType = 'GB', county = '410883'): string {
  const n = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return `${county}${pad(n(1, 999), 3)}${pad(n(1, 999), 3)}${rightType}${n(90000, 99999)}`;
}

/** A parcel code for plots at the DOMAIN.md sample's own position (in 解放区). */
export const sampleSiteParcelCode = () => freshParcelCode('GB', '410802');

/** Fails with the schema's complaints when `body` does not match schemas/<id>. */
export function expectSchema(id: string, body: unknown): void {
  const { ok, errors } = matches(id, body);
  if (!ok) throw new Error(`response does not match schema ${id}: ${errors.join('; ')}`);
}
