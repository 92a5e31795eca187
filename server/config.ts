// Typed configuration from the environment, checked once at start (loadConfig takes its environment as an argument).
import path from 'node:path';
import { parseCalendarDate } from './domain/history';

export interface Config {
  port: number;
  /** PostgreSQL + PostGIS server; absent → the embedded engine. */
  databaseUrl?: string;
  /**
   * Optional: the connection string the hub serves requests through (a login role with onesurvey_app's privileges,
   * e.g. onesurvey_app given LOGIN and a password by the DBA). Without it the hub serves as onesurvey_app by SET ROLE
   * on connections of DATABASE_URL, which a hijacked session of a superuser login could undo.
   */
  appDatabaseUrl?: string;
  /** Folder of the embedded engine's data (ignored with databaseUrl). */
  dataDir: string;
  /** Load the demo set into an empty database. */
  demo: boolean;
  /** Port of the embedded engine's PostgreSQL wire-protocol socket (0 → any free port), when attaching is on. */
  embeddedPgPort: number;
  /**
   * Open the embedded engine to other clients (psql, QGIS) on 127.0.0.1:embeddedPgPort. Off by default: PGlite is ONE
   * session shared by every client, so an attached client acts as the database owner inside the hub's own session.
   * Off, the hub reaches it through a Unix socket in a folder of the data directory only its OS user can open.
   */
  embeddedAttach: boolean;
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
  /** Worker threads that read and check uploaded files (files checked at once). */
  parseWorkers: number;
  /** Uploads that may wait for a parse worker; one more is answered 503 BUSY. */
  parseQueue: number;
  /** Heap limit of one parse worker, MB: a file that needs more is refused (413) and the worker replaced. */
  parseWorkerMemoryMb: number;
  /** Time one file's checks may take, s, before its worker is stopped (422). */
  parseTimeoutSeconds: number;
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish, s, before their connections are closed. */
  shutdownGraceSeconds: number;
  /**
   * Failed logins and bad bearer tokens per client address in 15 minutes, across usernames; beyond it the address
   * gets 429 on logins and token requests until the window ends. 0 turns the budget off.
   */
  loginFailuresPerAddress: number;
  /**
   * Results surveyed before this day count as made before unified registration (R1), YYYY-MM-DD. Default: the day the
   * 不动产登记暂行条例 took effect nationally (2015-03-01); set the city's own date [unconfirmed for 焦作].
   */
  unifiedRegistrationDate: string;
  /**
   * 天地图 browser key (tk, 32 hex digits): the web app offers the 天地图 vector and imagery basemaps with 注记 when set.
   * A browser key travels in every tile URL, so it is no secret: restrict it to the hub's domain in the 天地图 console.
   */
  tiandituKey?: string;
}

export const DEFAULT_UNIFIED_REGISTRATION_DATE = '2015-03-01';

function parseDate(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw === '') return fallback;
  if (!parseCalendarDate(raw)) throw new ConfigError(`${name}=${raw} is not a calendar date YYYY-MM-DD`);
  return raw;
}

export class ConfigError extends Error {}

function parseTiandituKey(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-f]{32}$/i.test(raw)) throw new ConfigError('TIANDITU_KEY must be a 天地图 key of 32 hexadecimal digits');
  return raw;
}

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

function parseDatabaseUrl(raw: string | undefined, name = 'DATABASE_URL'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL (expected postgres://user@host:port/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// or postgresql://, not ${url.protocol}//`);
  }
  return raw;
}

function parseAtLeast(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new ConfigError(`${name}=${raw} must be a whole number of at least ${min}`);
  return Number(raw);
}

/**
 * Reads PORT, DATABASE_URL, APP_DATABASE_URL, DATA_DIR, DEMO, PGLITE_PORT, PGLITE_ATTACH, HOST, ADMIN_PASSWORD, DEMO_PASSWORD,
 * RATE_LIMIT, TRUST_PROXY, UNIFIED_REGISTRATION_DATE, PARSE_WORKERS, PARSE_QUEUE, PARSE_WORKER_MEMORY_MB, PARSE_TIMEOUT_SECONDS,
 * SHUTDOWN_GRACE_SECONDS, LOGIN_FAILURES_PER_ADDRESS, TIANDITU_KEY; throws ConfigError with a one-line reason.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  return {
    port: parsePort('PORT', env.PORT, 8080),
    databaseUrl,
    appDatabaseUrl: parseDatabaseUrl(env.APP_DATABASE_URL, 'APP_DATABASE_URL'),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    demo: parseFlag('DEMO', env.DEMO, databaseUrl === undefined),
    embeddedPgPort: parsePort('PGLITE_PORT', env.PGLITE_PORT, 5433),
    embeddedAttach: parseFlag('PGLITE_ATTACH', env.PGLITE_ATTACH, false),
    host: env.HOST || '127.0.0.1',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    demoPassword: env.DEMO_PASSWORD || 'demo',
    rateLimitPerMinute: parseCount('RATE_LIMIT', env.RATE_LIMIT, 1200),
    trustProxy: parseFlag('TRUST_PROXY', env.TRUST_PROXY, false),
    unifiedRegistrationDate: parseDate('UNIFIED_REGISTRATION_DATE', env.UNIFIED_REGISTRATION_DATE, DEFAULT_UNIFIED_REGISTRATION_DATE),
    parseWorkers: parseAtLeast('PARSE_WORKERS', env.PARSE_WORKERS, 2, 1),
    parseQueue: parseAtLeast('PARSE_QUEUE', env.PARSE_QUEUE, 8, 0),
    // 512 MB checks a TXT of up to about 30 MB (bench/parse.bench.ts); larger files are refused with 413.
    parseWorkerMemoryMb: parseAtLeast('PARSE_WORKER_MEMORY_MB', env.PARSE_WORKER_MEMORY_MB, 512, 32),
    parseTimeoutSeconds: parseAtLeast('PARSE_TIMEOUT_SECONDS', env.PARSE_TIMEOUT_SECONDS, 120, 1),
    shutdownGraceSeconds: parseAtLeast('SHUTDOWN_GRACE_SECONDS', env.SHUTDOWN_GRACE_SECONDS, 30, 0),
    loginFailuresPerAddress: parseCount('LOGIN_FAILURES_PER_ADDRESS', env.LOGIN_FAILURES_PER_ADDRESS, 30),
    tiandituKey: parseTiandituKey(env.TIANDITU_KEY),
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
