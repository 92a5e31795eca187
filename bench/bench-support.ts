// What the benchmarks share: a scratch database on the local server, logging in, percentiles.
import pg from 'pg';

const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** BENCH_DATABASE_URL, or a fresh database `<prefix>_<pid>` with PostGIS on the local server, dropped by `drop`. */
export async function openBenchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, drop: async () => undefined };
  const name = `${prefix}_${process.pid}`;
  const withServer = async (url: string, statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await withServer(SERVER_URL, `CREATE DATABASE ${name}`);
  const url = SERVER_URL.replace(/\/postgres$/, `/${name}`);
  await withServer(url, 'CREATE EXTENSION postgis');
  return { url, drop: () => withServer(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Logs in and returns the session cookie. */
export async function logIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login of ${username} answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : NaN);
