// `npm run audit:verify`: walks the audit log's hash chains and names the first broken link (exit 1), or says how
// many rows and chains hold (exit 0). Uses DATABASE_URL, else the embedded DATA_DIR (stop the hub first: the
// embedded engine is one process) — the same configuration as `npm start`.
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { verifyAuditChain } from '../server/services/audit-chain.service';

async function main(): Promise<number> {
  const db = await openDatabase(loadConfig(process.env), (line) => console.error(`[audit:verify] ${line}`));
  try {
    const report = await verifyAuditChain(db.pool);
    if (!report.firstBroken) {
      console.log(`audit log intact: ${report.rows} rows in ${report.chains} chains`);
      return 0;
    }
    const b = report.firstBroken;
    console.log(`audit log BROKEN at row ${b.id} (${b.action}, ${b.at}, chain ${b.parcelCode ?? '(no parcel)'} #${b.chainSeq}): ${b.reason}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(`[audit:verify] ${(err as Error).message}`);
  process.exit(2);
});
