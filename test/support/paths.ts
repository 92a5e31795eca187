// Where the test suite keeps its embedded-engine template (cached across runs, ignored by git).
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const pglite: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
/** A PGlite data folder with PostGIS created and nothing else; copied for each run and each spawned hub. */
export const TEMPLATE_DIR = path.join(ROOT, '.tmp', `pglite-template-${pglite}`);
