// Configuration from the environment: defaults, overrides, one-line reasons.
import path from 'node:path';
import { ConfigError, loadConfig, redactUrl } from '../../server/config';

it('defaults to port 8080, the embedded engine in ./data and the demo data', () => {
  expect(loadConfig({})).toMatchObject({ port: 8080, databaseUrl: undefined, dataDir: path.resolve('data'), demo: true });
});

it('checks uploads in 2 workers of 512 MB with 8 waiting, and gives requests 30 s to finish on SIGTERM', () => {
  expect(loadConfig({})).toMatchObject({ parseWorkers: 2, parseQueue: 8, parseWorkerMemoryMb: 512, parseTimeoutSeconds: 120, shutdownGraceSeconds: 30 });
  expect(loadConfig({ PARSE_WORKERS: '4', PARSE_QUEUE: '0', PARSE_WORKER_MEMORY_MB: '1024', PARSE_TIMEOUT_SECONDS: '30', SHUTDOWN_GRACE_SECONDS: '0' }))
    .toMatchObject({ parseWorkers: 4, parseQueue: 0, parseWorkerMemoryMb: 1024, parseTimeoutSeconds: 30, shutdownGraceSeconds: 0 });
});

it('turns the demo off by default with DATABASE_URL, and on with DEMO=1', () => {
  const url = 'postgres://u@localhost:5432/hub';
  expect(loadConfig({ DATABASE_URL: url }).demo).toBe(false);
  expect(loadConfig({ DATABASE_URL: url, DEMO: '1' }).demo).toBe(true);
});

it.each([
  [{ PORT: 'eighty' }, 'PORT=eighty is not a port number'],
  [{ PORT: '70000' }, 'PORT=70000 is not a port number'],
  [{ DEMO: 'maybe' }, 'DEMO=maybe must be 1 or 0'],
  [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must start with postgres://'],
  [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a URL'],
  [{ PARSE_WORKERS: '0' }, 'PARSE_WORKERS=0 must be a whole number of at least 1'],
  [{ PARSE_WORKER_MEMORY_MB: '16' }, 'PARSE_WORKER_MEMORY_MB=16 must be a whole number of at least 32'],
  [{ SHUTDOWN_GRACE_SECONDS: 'soon' }, 'SHUTDOWN_GRACE_SECONDS=soon must be a whole number of at least 0'],
  [{ TIANDITU_KEY: 'my-key' }, 'TIANDITU_KEY must be a 天地图 key of 32 hexadecimal digits'],
])('stops on %p with a one-line reason', (env, reason) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(reason);
});

it('redacts the password of a connection string', () => {
  expect(redactUrl('postgres://hub:secret@db:5432/hub')).toBe('postgres://hub:***@db:5432/hub');
});
