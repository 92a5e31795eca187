// `npm start`'s build step: builds the web app only when its inputs changed since the last build. The inputs (web/
// sources, vite.config.ts, package-lock.json) are hashed into web/dist/.build-stamp; a fresh clone has no stamp and
// builds, a second start with the same inputs reuses web/dist. `--force` builds anyway.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'web', 'dist');
export const STAMP_FILE = path.join(DIST, '.build-stamp');

/** Every file the build reads from the project: web/ except its output, the Vite config and the lockfile. */
function inputFiles(): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === DIST || e.name === 'node_modules' ? [] : walk(full);
    return [full];
  });
  return [...walk(path.join(ROOT, 'web')), path.join(ROOT, 'vite.config.ts'), path.join(ROOT, 'package-lock.json')].sort();
}

/** SHA-256 over the inputs' paths and contents. */
export function inputsHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of inputFiles()) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Whether web/dist was built from the inputs as they are now. */
export function buildIsCurrent(hash = inputsHash()): boolean {
  return fs.existsSync(path.join(DIST, 'index.html')) && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8').trim() === hash;
}

function main(force: boolean): void {
  const hash = inputsHash();
  if (!force && buildIsCurrent(hash)) {
    console.log('[web] the built web app is current (web/dist): not rebuilding');
    return;
  }
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  fs.writeFileSync(STAMP_FILE, `${hash}\n`);
}

if (require.main === module) main(process.argv.includes('--force'));
