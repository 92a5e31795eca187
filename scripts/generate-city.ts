// npm run generate -- --parcels N: a synthetic 焦作 city (server/city/) in the configured database (DATABASE_URL, or the
// embedded engine in DATA_DIR), migrated first; one transaction, a progress line per step.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { openDatabase, requirePostgis } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { ensureTrigramSearch } from '../server/db/search-indexes';
import { generateCity } from '../server/city/generate-city';

const USAGE = 'usage: npm run generate -- --parcels N   (DATABASE_URL=postgres://… for a server; else the embedded engine in DATA_DIR)';

async function main(): Promise<number> {
  let parcels: number;
  try {
    const { values } = parseArgs({ options: { parcels: { type: 'string', default: '20000' } } });
    parcels = Number(values.parcels);
    if (!Number.isInteger(parcels) || parcels < 1) throw new Error(`--parcels must be a whole number ≥ 1, not ${values.parcels}`);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const log = (line: string) => console.error(line);
  const db = await openDatabase(loadConfig(process.env), log);
  try {
    await requirePostgis(db.pool);
    await migrate(db.pool, log);
    await ensureTrigramSearch(db.pool);
    const s = await generateCity(db.pool, parcels, log);
    console.log(`${s.parcels} parcels (${s.retired} retired by splits), ${s.results} results (${s.accepted} accepted), ${s.boundaryPoints} 界址点, ${s.units} units, ${s.unitAreas} unit areas in ${s.seconds} s`);
    return 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
