// Loads the 焦作 demo set through the same services the API uses, so the demo is exactly what users could submit.
import type pg from 'pg';
import { buildDemoSet } from './demo-data';
import { putParcel, putUnit } from '../services/parcels.service';
import { chinaToday, reviewSurvey } from '../services/surveys.service';
import { submit } from '../services/intake.service';

/** True when the database holds no parcel yet (the demo is only loaded into an empty hub). */
export async function isEmpty(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query('SELECT NOT EXISTS (SELECT 1 FROM parcel) AS empty');
  return rows[0].empty;
}

/** Loads the demo set; returns how many parcels and results it stored. */
export async function loadDemo(pool: pg.Pool, log: (line: string) => void): Promise<{ parcels: number; results: number }> {
  const demo = buildDemoSet(chinaToday());
  for (const p of demo.parcels) await putParcel(pool, p.parcelCode, { location: p.location, landUse: p.landUse, rightType: p.rightType });
  for (const u of demo.units) await putUnit(pool, u.unitCode, { location: u.location, use: u.use, floor: u.floor });
  const ids: string[] = [];
  for (const [i, step] of demo.steps.entries()) {
    const supersedes = step.submission.supersedes?.startsWith('$step:') ? ids[Number(step.submission.supersedes.slice(6))] : step.submission.supersedes;
    const submission = { ...step.submission, supersedes, sourceFileName: step.submission.sourceFileName ?? 'demo.json' };
    const stored = await submit(pool, submission);
    ids.push(stored.id);
    if (step.review) await reviewSurvey(pool, stored.id, step.review);
    if ((i + 1) % 20 === 0) log(`demo data: ${i + 1}/${demo.steps.length} results`);
  }
  return { parcels: demo.parcels.length, results: ids.length };
}
