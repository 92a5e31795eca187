// One hub per embedded data folder: a lock file holding the owner's process id, taken before PGlite opens the folder.
import fs from 'node:fs';
import path from 'node:path';
import { HubError } from '../errors';

/** Takes the data folder for this process; returns the release. A lock left by a hub that was killed is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, '.hub.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const owner = Number(fs.readFileSync(file, 'utf8'));
    if (isRunning(owner)) {
      throw new HubError(503, 'DATA_DIR_IN_USE', `the embedded database in ${dataDir} is in use by another hub (process ${owner}): one data folder serves one hub — stop that hub first, or run several hubs on a PostgreSQL server (DATABASE_URL)`);
    }
    fs.rmSync(file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
