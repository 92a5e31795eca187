// Stops the embedded test database and removes its data folder.
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  if (process.env.HUB_TEST_CELLS) fs.rmSync(process.env.HUB_TEST_CELLS, { recursive: true, force: true });
  const db = globalThis.__embeddedDb;
  if (!db) return;
  await new Promise<void>((resolve) => {
    db.child.once('exit', () => resolve());
    db.child.kill('SIGTERM');
  });
  fs.rmSync(db.dataDir, { recursive: true, force: true });
}
