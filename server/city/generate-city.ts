// npm run generate: a synthetic 焦作 city loaded set-based inside the database (INSERT … SELECT from generate_series,
// no row crosses the wire), in one transaction, with a progress line per step. The plan is city-plan.ts, the steps
// are sql/queries/city-*.sql.
import type pg from 'pg';
import { withTransaction } from '../db/database';
import { sql } from '../db/sql-files';
import { CELL, cityPlan } from './city-plan';

export const GENERATOR = 'npm run generate';
const ORGANISATIONS = ['焦作市覃怀测绘有限公司', '焦作市太行勘测规划有限公司', '焦作市沁河地理信息有限公司', '焦作市月山房产测绘有限公司', '河南怀川测绘工程有限公司'];
const REVIEWERS = ['焦作市不动产登记中心 王芳', '焦作市不动产登记中心 刘洋', '焦作市自然资源和规划局 陈静'];

export interface CitySummary {
  parcels: number;
  blocks: number;
  results: number;
  accepted: number;
  boundaryPoints: number;
  units: number;
  unitAreas: number;
  retired: number;
  seconds: number;
  /** Seconds per step, in order. */
  steps: Record<string, number>;
}

/** Thrown when the counties have no room left for the blocks asked for. */
export class CityTooLargeError extends Error {}

/** Generates `parcels` parcels with their results in one transaction; `log` gets one progress line per step. */
export async function generateCity(pool: pg.Pool, parcels: number, log: (line: string) => void = () => undefined): Promise<CitySummary> {
  const plan = cityPlan(parcels);
  const started = performance.now();
  const steps: Record<string, number> = {};
  const summary = await withTransaction(pool, async (client) => {
    const step = async <T>(name: string, query: string, params: unknown[], done: (r: pg.QueryResult) => T): Promise<T> => {
      const t = performance.now();
      const value = done(await client.query(query, params));
      steps[name] = Math.round(performance.now() - t) / 1000;
      const shown = typeof value === 'object' ? Object.entries(value as object).map(([k, v]) => `${v} ${k}`).join(', ') : String(value);
      log(`  ${name.padEnd(14)} ${steps[name].toFixed(1).padStart(6)} s  ${shown}`);
      return value;
    };
    // Set-based checks over whole tables: parallel workers help here (the hub's sessions run serial).
    await client.query('SET LOCAL max_parallel_workers_per_gather = 2').catch(() => undefined);
    log(`generating a city of ${parcels} parcels in ${plan.blocks} blocks…`);
    const blocks = await step('blocks', sql('city-blocks'), [plan.countyCodes, plan.countyNames, plan.outlines, plan.blocks, CELL.width, CELL.height], (r) => r.rowCount ?? 0);
    if (blocks < plan.blocks) throw new CityTooLargeError(`the 焦作 counties have room for ${blocks} more blocks of 100 parcels, not ${plan.blocks}`);
    await step('plan parcels', sql('city-parcels'), [parcels, plan.streets, plan.villages], (r) => r.rowCount ?? 0);
    await step('plan results', sql('city-results'), [ORGANISATIONS, REVIEWERS], (r) => r.rowCount ?? 0);
    const stored = await step('parcels', sql('city-parcels-insert'), [], (r) => Number(r.rows[0].parcels));
    const results = await step('results', sql('city-results-insert'), [GENERATOR], (r) => r.rowCount ?? 0);
    const points = await step('界址点', sql('city-boundary-points'), [], (r) => r.rowCount ?? 0);
    const units = await step('units', sql('city-units'), [], (r) => r.rows[0]);
    const accepted = await step('accept', sql('city-accept'), [], (r) => r.rowCount ?? 0);
    const lineage = await step('lineage', sql('city-lineage'), [GENERATOR], (r) => r.rows[0]);
    await step('audit', sql('city-audit'), [GENERATOR], (r) => r.rowCount ?? 0);
    return { parcels: stored, blocks, results, accepted, boundaryPoints: points, units: Number(units.units), unitAreas: Number(units.unit_areas), retired: Number(lineage.retired) };
  });
  const t = performance.now();
  for (const table of ['parcel', 'survey_result', 'boundary_point', 'unit', 'unit_area', 'audit_hub_event']) await pool.query(`ANALYZE ${table}`);
  steps.analyze = Math.round(performance.now() - t) / 1000;
  log(`  ${'analyze'.padEnd(14)} ${steps.analyze.toFixed(1).padStart(6)} s`);
  return { ...summary, seconds: Math.round(performance.now() - started) / 1000, steps };
}
