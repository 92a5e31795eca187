// Configuration from the environment: defaults, overrides, one-line reasons.
import path from 'node:path';
import { ConfigError, loadConfig, redactUrl } from '../../server/config';

it('defaults to port 8080, the embedded engine in ./data and the demo data', () => {
  expect(loadConfig({})).toMatchObject({ port: 8080, databaseUrl: undefined, dataDir: path.resolve('data'), demo: true });
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
])('stops on %p with a one-line reason', (env, reason) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(reason);
});

it('redacts the password of a connection string', () => {
  expect(redactUrl('postgres://hub:secret@db:5432/hub')).toBe('postgres://hub:***@db:5432/hub');
});
