// Stops the browser tests' hub and removes its data folder.
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__e2eHub;
  if (!running) return;
  await running.hub.stop();
  fs.rmSync(running.dataDir, { recursive: true, force: true });
}
