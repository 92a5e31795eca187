// The staged bulk import (POST /api/imports?staged=1, and any TXT over 16 MB): checks in PostGIS, a summary answer,
// per-plot findings as a download, one audit row per import — and a file of 200 000 plots lands whole.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { txtOfPlots, uploadFields } from '../support/files';
import { freeCell } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

const fields = () => {
  const { parcelCode: _none, ...rest } = uploadFields('');
  return rest;
};
const cell = () => {
  const [dE, dN] = freeCell();
  return { dE, dN } as { dE: number; dN: number; hectares?: string };
};

it('stores every parcel of a clean file, answers a summary, and audits the import in one row its parcels find', async () => {
  const codes = [freshParcelCode(), freshParcelCode(), freshParcelCode()];
  const res = await hub.upload('/api/imports?staged=1', fields(), { name: 'legacy.txt', bytes: txtOfPlots(codes.map((plotNo) => ({ plotNo, ...cell() }))) });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ staged: true, dryRun: false, results: [], counts: { plots: 3, points: 30, parcels: 3, resultsStored: 3 }, report: { passed: true, errors: 0 } });
  const { rows } = await hub.pool.query('SELECT parcel_code, plane_area_m2, declared_area_m2, status FROM survey_result WHERE parcel_code = ANY ($1) ORDER BY parcel_code', [codes]);
  expect(rows).toEqual([...codes].sort().map((parcel_code) => ({ parcel_code, plane_area_m2: 2300, declared_area_m2: 2300, status: 'submitted' })));
  const points = await hub.pool.query('SELECT point_no FROM boundary_point WHERE parcel_code = $1 ORDER BY ring_no, seq', [codes[0]]);
  expect(points.rows.map((p) => p.point_no)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
  const audit = await hub.pool.query("SELECT details FROM audit_hub_event WHERE action = 'survey.import' AND details -> 'parcelCodes' ? $1", [codes[1]]);
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0].details).toMatchObject({ results: 3, parcelCodes: [...codes].sort(), staged: true });
  const history = await hub.request('GET', `/api/audit?parcelCode=${codes[1]}`);
  const imported = history.body.items.find((e: any) => e.action === 'survey.import');
  const { rows: [mine] } = await hub.pool.query('SELECT id FROM survey_result WHERE parcel_code = $1', [codes[1]]);
  // The parcel's history shows the import as its own result, not the lists of the whole file.
  expect(imported).toMatchObject({ parcelCode: codes[1], subjectId: mine.id, details: { results: 3, file: 'legacy.txt' } });
  expect(imported.details.parcelCodes).toBeUndefined();
});

it('finds every problem in one pass, set-based, stores nothing, and serves the findings per plot as CSV', async () => {
  const accepted = freshParcelCode();
  const acceptedCell = cell();
  const first = await hub.upload('/api/imports?staged=1', fields(), { name: 'first.txt', bytes: txtOfPlots([{ plotNo: accepted, ...acceptedCell }]) });
  expect([first.status, first.body.code]).toEqual([201, undefined]);
  const { rows: [stored] } = await hub.pool.query('SELECT id FROM survey_result WHERE parcel_code = $1', [accepted]);
  await hub.request('POST', `/api/surveys/${stored.id}/review`, { decision: 'accept' });
  const shared = cell();
  const codes = [freshParcelCode(), freshParcelCode(), freshParcelCode(), freshParcelCode()];
  const plots = [
    { plotNo: codes[0], ...cell(), hectares: '0.2400' }, // 100 m² off
    { plotNo: codes[1], ...shared },
    { plotNo: codes[2], ...shared }, // on top of the one before
    { plotNo: codes[3], dE: acceptedCell.dE + 10, dN: acceptedCell.dN }, // over the accepted parcel
    { plotNo: '4108021234', ...cell() },
  ];
  const res = await hub.upload('/api/imports?staged=1', fields(), { name: 'faulty.txt', bytes: txtOfPlots(plots) });
  expect(res.status).toBe(400);
  expect(res.body.details.report.byCode.map((c: any) => c.code).sort()).toEqual(['AREA_DIFFERS_FROM_COORDINATES', 'OVERLAPS_ACCEPTED_PARCEL', 'OVERLAPS_PLOT_IN_FILE', 'PARCEL_CODE_INVALID']);
  const { rows } = await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = ANY ($1)', [codes]);
  expect(rows[0].n).toBe(0);
  const csv = await hub.download(res.body.details.findingsUrl);
  expect(csv.status).toBe(200);
  const text = Buffer.from(csv.bytes).toString('utf8');
  expect(text).toContain(`${codes[0]},AREA_DIFFERS_FROM_COORDINATES,error`);
  expect(text).toContain(`${codes[2]},OVERLAPS_PLOT_IN_FILE,error`);
  expect(text).toContain(`${codes[3]},OVERLAPS_ACCEPTED_PARCEL,error`);
  expect(text).toMatch(new RegExp(`与已审核通过的宗地${accepted}界址重叠`));
});

it('refuses another format on the staged path, naming what it reads', async () => {
  const res = await hub.upload('/api/imports?staged=1', fields(), { name: 'plots.geojson', bytes: new TextEncoder().encode('{}') });
  expect([res.status, res.body.code]).toEqual([400, 'STAGED_FORMAT_UNSUPPORTED']);
});
