// Typed configuration from the environment, checked once at start (loadConfig takes its environment as an argument).
import path from 'node:path';

export interface Config {
  port: number;
  /** PostgreSQL + PostGIS server; absent → the embedded engine. */
  databaseUrl?: string;
  /** Folder of the embedded engine's data (ignored with databaseUrl). */
  dataDir: string;
  /** Load the demo set into an empty database. */
  demo: boolean;
  /** Port of the embedded engine's PostgreSQL wire-protocol socket (0 → any free port). */
  embeddedPgPort: number;
  /** Host the HTTP server binds to. */
  host: string;
  /** Password of the admin account created on the first start; absent → a one-time password is printed. */
  adminPassword?: string;
  /** Password of the demo accounts (DEMO=1). */
  demoPassword: string;
  /** Requests per client (account, else address) per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Trust X-Forwarded-* from a TLS-terminating proxy (session cookies are then Secure). */
  trustProxy: boolean;
  /**
   * Failed logins and bad bearer tokens per client address in 15 minutes, across usernames; beyond it the address
   * gets 429 on logins and token requests until the window ends. 0 turns the budget off.
   */
  loginFailuresPerAddress: number;
}

export class ConfigError extends Error {}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new ConfigError(`${name}=${raw} is not a port number (0–65535)`);
  return Number(raw);
}

function parseCount(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name}=${raw} must be a whole number (0 turns it off)`);
  return Number(raw);
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name}=${raw} must be 1 or 0`);
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL (expected postgres://user@host:port/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//`);
  }
  return raw;
}

/** Reads PORT, DATABASE_URL, DATA_DIR, DEMO, PGLITE_PORT, HOST, ADMIN_PASSWORD, DEMO_PASSWORD, RATE_LIMIT, TRUST_PROXY, LOGIN_FAILURES_PER_ADDRESS; throws ConfigError with a one-line reason. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  return {
    port: parsePort('PORT', env.PORT, 8080),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    demo: parseFlag('DEMO', env.DEMO, databaseUrl === undefined),
    embeddedPgPort: parsePort('PGLITE_PORT', env.PGLITE_PORT, 5433),
    host: env.HOST || '127.0.0.1',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    demoPassword: env.DEMO_PASSWORD || 'demo',
    rateLimitPerMinute: parseCount('RATE_LIMIT', env.RATE_LIMIT, 1200),
    trustProxy: parseFlag('TRUST_PROXY', env.TRUST_PROXY, false),
    loginFailuresPerAddress: parseCount('LOGIN_FAILURES_PER_ADDRESS', env.LOGIN_FAILURES_PER_ADDRESS, 30),
  };
}

/** The connection string with its password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
