// R8 (issue 10, item 13): every read of coordinates or areas adds one audit row — who, and for registrars and
// departments the application and purpose (required where the data leaves for a registration, optional and marked as
// browsing in the web app); logins, account and token changes and registry edits are recorded too.
import { issueToken } from '../../server/services/accounts.service';
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';
import { EVERY_AUDIT_ROW } from '../support/audit-rows';

let hub: TestHub;
let parcelCode: string;
let accepted: any;
let bbox: string;
const WHY = `applicationNo=JZ2025-88&purpose=${encodeURIComponent('首次登记')}`;

beforeAll(async () => {
  hub = await startTestHub();
  parcelCode = freshParcelCode();
  accepted = (await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...freeCell()) }))).body;
  await hub.request('POST', `/api/surveys/${accepted.id}/review`, { decision: 'accept' });
  const ring: number[][] = accepted.geometry4490.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  bbox = `${Math.min(...lons) - 1e-5},${Math.min(...lats) - 1e-5},${Math.max(...lons) + 1e-5},${Math.max(...lats) + 1e-5}`;
});
afterAll(() => hub.stop());

/**
 * The audit rows `request` added, oldest first: of this file's parcel, or by `actors` (other test files may write
 * at the same time on a server).
 */
/** Accounts of this file: other test files may read the same 孟州 cells meanwhile (a map tile covering this parcel). */
const mine = new Set<string>();

async function rowsOf(request: () => Promise<unknown>, actors: string[] = []) {
  const { rows: [{ last }] } = await hub.pool.query(`SELECT max(at)::text AS last FROM ${EVERY_AUDIT_ROW}`);
  await request();
  const { rows } = await hub.pool.query(
    `SELECT actor, action, parcel_code, subject_id, application_no, purpose, details FROM ${EVERY_AUDIT_ROW}
     WHERE at > $1::timestamptz AND (parcel_code = $2 OR details -> 'parcelCodes' ? $2 OR actor = ANY ($3)) AND actor = ANY ($4)
     ORDER BY at`, [last, parcelCode, actors, [...mine, hub.username, ...actors]]);
  return rows.map((r) => ({ ...r, parcel_code: r.parcel_code?.trim() ?? null }));
}

describe('a read of coordinates or areas', () => {
  it('adds one row per request: a parcel, a result, a boundary diff, a comparison — marked as browsing without a purpose', async () => {
    for (const [path, action] of [
      [`/api/parcels/${parcelCode}`, 'parcel.read'],
      [`/api/parcels/${parcelCode}/history`, 'parcel.history'],
      [`/api/surveys/${accepted.id}`, 'survey.read'],
      [`/api/parcels/${parcelCode}/boundary-diff?against=${accepted.id}`, 'boundary.diff'],
      [`/api/comparisons/areas?parcelCode=${parcelCode}`, 'comparison.read'],
    ]) {
      const rows = await rowsOf(() => hub.request('GET', path));
      expect([path, rows]).toEqual([path, [expect.objectContaining({ action, parcel_code: parcelCode, application_no: null, purpose: null, details: expect.objectContaining({ browsing: true }) })]]);
    }
  });

  it('records the application and purpose a reader gives', async () => {
    const rows = await rowsOf(() => hub.request('GET', `/api/parcels/${parcelCode}?${WHY}`));
    expect(rows).toEqual([expect.objectContaining({ action: 'parcel.read', application_no: 'JZ2025-88', purpose: '首次登记' })]);
    expect(rows[0].details.browsing).toBeUndefined();
  });

  it('records a map request as one row listing the parcels it drew', async () => {
    const rows = await rowsOf(() => hub.request('GET', `/api/map/features?bbox=${bbox}`));
    expect(rows).toEqual([expect.objectContaining({ action: 'map.read', parcel_code: null, details: expect.objectContaining({ parcelCodes: [parcelCode], browsing: true }) })]);
    const log = await hub.request('GET', `/api/access-log?parcelCode=${parcelCode}`);
    expect(log.body.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['map.read', 'parcel.read', 'survey.read', 'boundary.diff']));
  });

  it('needs the application and purpose from a department token, for a registrar\'s export, and records them', async () => {
    const department = await hub.login(['registrar']);
    mine.add(department.username);
    const { token } = await issueToken(hub.pool, department.id, '不动产登记中心', ['registrar'], null);
    const get = (path: string) => fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
    const bare = await get(`/api/parcels/${parcelCode}`);
    expect([bare.status, bare.body.code]).toEqual([400, 'PURPOSE_REQUIRED']);
    expect(bare.body.message).toMatch(/applicationNo and purpose.*R8/);
    const rows = await rowsOf(() => get(`/api/parcels/${parcelCode}?${WHY}`));
    expect(rows).toEqual([expect.objectContaining({ action: 'parcel.read', actor: department.username, application_no: 'JZ2025-88', purpose: '首次登记' })]);

    const registrar = await hub.login(['registrar']);
    mine.add(registrar.username);
    const exportAs = (query: string) => fetch(`${hub.url}/api/surveys/${accepted.id}/export?format=txt${query}`, { headers: { cookie: registrar.cookie } });
    expect((await exportAs('')).status).toBe(400);
    const exported = await rowsOf(() => exportAs(`&${WHY}`));
    expect(exported).toEqual([expect.objectContaining({ action: 'survey.export', actor: registrar.username, application_no: 'JZ2025-88', purpose: '首次登记', subject_id: accepted.id })]);
  });
});

describe('changes of who may do what', () => {
  it('records logins (both outcomes), an account, a token issued and revoked, and parcel and unit edits', async () => {
    const admin = await hub.login(['admin']);
    const rows = await rowsOf(async () => {
      await fetch(`${hub.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin.username, password: 'wrong-password' }) });
      const created = await hub.request('POST', '/api/accounts', { username: `dept-${Date.now()}`, kind: 'department', roles: ['registrar'] });
      const issued = await hub.request('POST', `/api/accounts/${created.body.id}/tokens`, { name: '推送', roles: ['registrar'] });
      await hub.request('DELETE', `/api/tokens/${issued.body.id}`);
      await hub.request('PUT', `/api/parcels/${parcelCode}`, { location: '新坐落' });
      await hub.request('PUT', `/api/units/${parcelCode}F00010001`, { floor: '3' });
    }, [hub.username, `login:${admin.username}`]);
    expect(rows.map((r) => [r.action, r.details?.outcome ?? null])).toEqual([
      // A parcel edit answers the parcel as read back, coordinates included: that answer is a read, recorded as one.
      ['session.login', 'failed'], ['account.create', null], ['token.issue', null], ['token.revoke', null], ['parcel.put', null], ['parcel.read', null], ['unit.put', null],
    ]);
    expect(rows[0].actor).toBe(`login:${admin.username}`);
    const ok = await hub.pool.query("SELECT count(*)::int AS n FROM audit_hub_event WHERE action = 'session.login' AND actor = $1 AND details->>'outcome' = 'ok'", [admin.username]);
    expect(ok.rows[0].n).toBe(1);
  });
});

describe('a parcel edit by a department token', () => {
  it('needs the application and purpose of the read its answer is, before anything is written', async () => {
    const department = await hub.login(['registrar']);
    const { token } = await issueToken(hub.pool, department.id, '不动产登记中心', ['registrar'], null);
    const put = (query: string) => fetch(`${hub.url}/api/parcels/${parcelCode}${query}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ location: '令牌坐落' }) });
    const bare = await put('');
    expect([bare.status, (await bare.json()).code]).toEqual([400, 'PURPOSE_REQUIRED']);
    expect((await hub.request('GET', `/api/parcels/${parcelCode}`)).body.parcel.location).not.toBe('令牌坐落');
    const given = await put(`?${WHY}`);
    expect(given.status).toBe(200);
    expect((await given.json()).parcel.location).toBe('令牌坐落');
  });
});
