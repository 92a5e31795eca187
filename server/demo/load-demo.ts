// Loads the 焦作 demo set through the same services the API uses, so the demo is exactly what users could submit.
import type pg from 'pg';
import { buildDemoSet } from './demo-data';
import { putParcel, putUnit } from '../services/parcels.service';
import { chinaToday, reviewSurvey } from '../services/surveys.service';
import { submit } from '../services/intake.service';
import { recordLineage } from '../services/lineage.service';
import { createPacket, type RuleSettings } from '../services/packets.service';
import { HUB_ACTOR, type Actor } from '../services/audit.service';
import { createAccount } from '../services/accounts.service';
import { ROLES, type Role, type Viewer } from '../auth/viewer';
import { inOneTransaction } from '../db/one-transaction';

/** True when the database holds no parcel yet (the demo is only loaded into an empty hub). */
export async function isEmpty(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query('SELECT NOT EXISTS (SELECT 1 FROM parcel) AS empty');
  return rows[0].empty;
}

/** One demo account per role, marked demo; the surveyor belongs to the organisation of most demo results. */
async function createDemoAccounts(pool: pg.Pool, password: string, organisation: string): Promise<Record<Role, Viewer>> {
  const viewers = {} as Record<Role, Viewer>;
  for (const role of ROLES) {
    const username = `demo-${role}`;
    const account = { username, displayName: `演示${role} / demo ${role}`, kind: 'person' as const, roles: [role], organisation: role === 'surveyor' ? organisation : null, password, demo: true };
    const { id } = await createAccount(pool, account);
    viewers[role] = { accountId: id, username, kind: 'person', roles: [role], organisation: account.organisation, countyCodes: null, demo: true, via: 'session' };
  }
  return viewers;
}

/**
 * Loads the demo set and the demo accounts into an empty hub, all in one transaction: a load that fails or is killed
 * halfway leaves nothing, and the next start loads it again. Hubs starting together take turns on an advisory lock;
 * null when the database was not empty (another hub loaded it, or there is real data).
 */
export async function loadDemoIntoEmpty(pool: pg.Pool, demoPassword: string, log: (line: string) => void, settings?: RuleSettings) {
  return inOneTransaction(pool, DEMO_LOCK, async (scoped) => {
    if (!(await isEmpty(scoped))) return null;
    log('loading the 焦作 demo data and demo accounts (DEMO=0 skips this)…');
    return loadDemo(scoped, demoPassword, log, settings);
  });
}

const DEMO_LOCK = 7_426_003;

/** Loads the demo set and the demo accounts; returns what it stored. */
export async function loadDemo(pool: pg.Pool, demoPassword: string, log: (line: string) => void, settings?: RuleSettings): Promise<{ parcels: number; results: number; accounts: string[] }> {
  const demo = buildDemoSet(chinaToday());
  const organisations = demo.steps.map((s) => s.submission.organisation);
  const busiest = organisations.sort((a, b) => organisations.filter((o) => o === b).length - organisations.filter((o) => o === a).length)[0];
  const accounts = await createDemoAccounts(pool, demoPassword, busiest);
  const reviewer: Actor = { viewer: accounts.reviewer, clientAddress: 'demo' };
  for (const p of demo.parcels) await putParcel(pool, p.parcelCode, { location: p.location, landUse: p.landUse, rightType: p.rightType });
  for (const u of demo.units) await putUnit(pool, u.unitCode, { location: u.location, use: u.use, floor: u.floor });
  const ids: string[] = [];
  for (const [i, step] of demo.steps.entries()) {
    const supersedes = step.submission.supersedes?.startsWith('$step:') ? ids[Number(step.submission.supersedes.slice(6))] : step.submission.supersedes;
    const submission = { ...step.submission, supersedes, sourceFileName: step.submission.sourceFileName ?? 'demo.json' };
    const stored = await submit(pool, submission, HUB_ACTOR);
    ids.push(stored.id);
    if (step.review) await reviewSurvey(pool, stored.id, { decision: step.review.decision, note: step.review.note }, reviewer);
    if ((i + 1) % 20 === 0) log(`demo data: ${i + 1}/${demo.steps.length} results`);
  }
  const registrar: Actor = { viewer: accounts.registrar, clientAddress: 'demo' };
  for (const event of demo.lineage) await recordLineage(pool, event, registrar);
  const decisions: string[] = [];
  for (const request of demo.packets) decisions.push((await createPacket(pool, request, registrar, settings)).decision);
  log(`demo data: ${demo.lineage.length} lineage events, packets ${decisions.join(', ')}`);
  return { parcels: demo.parcels.length, results: ids.length, accounts: Object.values(accounts).map((v) => v.username) };
}
