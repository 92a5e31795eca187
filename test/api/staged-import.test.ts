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

/** A GeoJSON (EPSG:4526, x = easting) of the sample plot moved to each cell, one feature per 宗地代码, 2 300.00 m² declared. */
function geojsonOfPlots(plots: { code: string; dE: number; dN: number }[]): Uint8Array {
  const ring = (dE: number, dN: number, corners: number[][]) => [...corners, corners[0]].map(([n, e]) => [e + dE, n + dN]);
  const features = plots.map(({ code, dE, dN }) => ({
    type: 'Feature', properties: { 宗地代码: code, declaredAreaM2: '2300.00' },
    geometry: { type: 'Polygon', coordinates: [
      ring(dE, dN, [[3899300, 38430800], [3899300, 38430860], [3899260, 38430860], [3899260, 38430800]]),
      ring(dE, dN, [[3899290, 38430810], [3899290, 38430820], [3899280, 38430820], [3899280, 38430810]]),
    ] },
  }));
  return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4526' } }, features }));
}

it('reads a GeoJSON on the staged path into the same checks and tables, 界址点 and areas as delivered', async () => {
  const codes = [freshParcelCode(), freshParcelCode()];
  const res = await hub.upload('/api/imports?staged=1', fields(), { name: 'legacy.geojson', bytes: geojsonOfPlots(codes.map((code) => ({ code, ...cell() }))) });
  expect([res.status, res.body.code]).toEqual([201, undefined]);
  expect(res.body).toMatchObject({ staged: true, counts: { plots: 2, points: 20, parcels: 2, resultsStored: 2 }, report: { format: 'geojson', crs: 'EPSG:4526', passed: true } });
  const { rows } = await hub.pool.query('SELECT parcel_code, plane_area_m2, declared_area_m2 FROM survey_result WHERE parcel_code = ANY ($1) ORDER BY parcel_code', [codes]);
  expect(rows).toEqual([...codes].sort().map((parcel_code) => ({ parcel_code, plane_area_m2: 2300, declared_area_m2: 2300 })));
  const { rows: [counted] } = await hub.pool.query('SELECT count(*)::int AS n, count(DISTINCT ring_no)::int AS rings FROM boundary_point WHERE parcel_code = $1', [codes[0]]);
  expect(counted).toEqual({ n: 8, rings: 2 });
});

it('refuses a file of no format it reads on the staged path, naming the formats it reads', async () => {
  const res = await hub.upload('/api/imports?staged=1', fields(), { name: 'plots.docx', bytes: new TextEncoder().encode('PK-not-a-survey') });
  expect([res.status, res.body.code]).toEqual([400, 'STAGED_FORMAT_UNSUPPORTED']);
  expect(res.body.message).toContain('GeoJSON');
});

it('lets another reviewer accept a whole import run in one step, audited once, leaving a parcel with a boundary for review', async () => {
  const [known, fresh1, fresh2] = [freshParcelCode(), freshParcelCode(), freshParcelCode()];
  const knownCell = cell();
  const first = await hub.upload('/api/imports?staged=1', fields(), { name: 'known.txt', bytes: txtOfPlots([{ plotNo: known, ...knownCell }]) });
  const { rows: [before] } = await hub.pool.query('SELECT id FROM survey_result WHERE parcel_code = $1', [known]);
  await hub.request('POST', `/api/surveys/${before.id}/review`, { decision: 'accept' });
  expect(first.status).toBe(201);
  const run = await hub.upload('/api/imports?staged=1', fields(), { name: 'legacy-run.txt', bytes: txtOfPlots([{ plotNo: known, ...knownCell }, { plotNo: fresh1, ...cell() }, { plotNo: fresh2, ...cell() }]) });
  expect([run.status, run.body.counts.resultsStored]).toEqual([201, 3]);
  const acceptance = `/api/imports/${run.body.importId}/acceptance`;
  // The importer does not decide its own results.
  const own = await hub.request('POST', acceptance, { decision: 'accept' });
  expect([own.status, own.body.code]).toEqual([403, 'REVIEW_OWN_SUBMISSION']);
  const asReviewer = (body: unknown) => fetch(`${hub.url}${acceptance}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: hub.reviewerCookie }, body: JSON.stringify(body) });
  const accepted = await asReviewer({ decision: 'accept', note: '历史成果整体入库' });
  expect(accepted.status).toBe(200);
  expect(await accepted.json()).toEqual({ importId: run.body.importId, accepted: 2, leftForReview: 1 });
  const { rows } = await hub.pool.query('SELECT parcel_code, status, boundary_role, review_note FROM survey_result WHERE parcel_code = ANY ($1) AND id <> $2 ORDER BY parcel_code', [[known, fresh1, fresh2], before.id]);
  const expected = { [known]: ['submitted', null, null], [fresh1]: ['accepted', 'establishes', '历史成果整体入库'], [fresh2]: ['accepted', 'establishes', '历史成果整体入库'] };
  expect(rows.map((r) => [r.parcel_code, r.status, r.boundary_role, r.review_note])).toEqual(Object.entries(expected).sort().map(([code, v]) => [code, ...v]));
  const audits = await hub.pool.query("SELECT details FROM audit_hub_event WHERE action = 'survey.review' AND details ->> 'importId' = $1", [run.body.importId]);
  expect(audits.rows).toHaveLength(1);
  expect(audits.rows[0].details).toMatchObject({ bulk: true, results: 2, parcelCodes: expect.arrayContaining([fresh1, fresh2]) });
  // Decided once: a second acceptance finds nothing left to accept in bulk.
  expect(await (await asReviewer({ decision: 'accept' })).json()).toEqual({ importId: run.body.importId, accepted: 0, leftForReview: 3 });
  const missing = await asReviewer({ decision: 'reject' });
  expect(missing.status).toBe(400);
});
