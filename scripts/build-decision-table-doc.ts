// Writes docs/decision-table.md from the decision table in code (npm run docs:decisions); a unit test keeps it current.
import fs from 'node:fs';
import path from 'node:path';
import { renderDecisionTable } from '../server/domain/registration.table';

const out = path.resolve(__dirname, '../docs/decision-table.md');
fs.writeFileSync(out, renderDecisionTable());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
