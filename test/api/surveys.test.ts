// Submitting, reading and reviewing survey results through the real app and database.
import { expectSchema, freshParcelCode, sampleSiteParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

describe('POST /api/surveys', () => {
  it('stores the DOMAIN.md sample plot in EPSG:4526 with a computed plane area of 2300.000 m²', async () => {
    const parcelCode = freshParcelCode();
    const submission = landSupplySubmission(parcelCode);
    const res = await hub.request('POST', '/api/surveys', submission);
    expect(res.status).toBe(201);
    expectSchema('survey-result', res.body);
    // 60 m × 40 m outer ring minus the 10 m × 10 m hole, worked by hand.
    expect(res.body.planeAreaM2.toFixed(3)).toBe((60 * 40 - 10 * 10).toFixed(3));
    expect(res.body).toMatchObject({ status: 'submitted', crs: 'EPSG:4526', parcelCode, stage: 'land_supply' });
    expect(res.body.sourceSha256).toMatch(/^[0-9a-f]{64}$/);

    const read = await hub.request('GET', `/api/surveys/${res.body.id}`);
    expect(read.status).toBe(200);
    const [e, n] = submission.features.features[0].geometry.coordinates[0][0];
    expect(read.body.geometry.coordinates[0][0]).toEqual([e, n]);
    expect(read.body.boundaryPoints.map((p: any) => `${p.ring}:${p.pointNo}`)).toEqual(['1:J1', '1:J2', '1:J3', '1:J4', '2:J5', '2:J6', '2:J7', '2:J8']);
    expect(read.body.boundaryPoints[0]).toMatchObject({ x: n, y: e });
  });

  it('keeps the geometry exactly as submitted and derives the EPSG:4490 copy with PostGIS', async () => {
    const parcelCode = freshParcelCode();
    const [dE, dN] = freeCell();
    const [e, n] = [38430800.123 + dE, 3899300.457 + dN];
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(dE + 0.123, dN + 0.457) }));
    const { rows } = await hub.pool.query(
      `SELECT ST_AsText(geom) AS wkt, ST_SRID(geom) AS srid, ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4526), 4490)) AS corner
       FROM survey_result WHERE id = $1`,
      [submitted.body.id, e, n],
    );
    expect(rows[0].srid).toBe(4526);
    expect(rows[0].wkt.startsWith(`POLYGON((${e.toFixed(3)} ${n.toFixed(3)},${(e + 60).toFixed(3)} ${n.toFixed(3)}`)).toBe(true);
    const corner = rows[0].corner.match(/POINT\(([\d.]+) ([\d.]+)\)/).slice(1).map(Number);
    const displayed = (await hub.request('GET', `/api/surveys/${submitted.body.id}`)).body.geometry4490.coordinates[0][0];
    expect(displayed[0]).toBeCloseTo(corner[0], 9);
    expect(displayed[1]).toBeCloseTo(corner[1], 9);
    // 焦作 lies near 113.24°E 35.22°N (DOMAIN.md §4).
    // The test plots lie in 孟州, around 112.79°E 34.91°N.
    expect(Math.abs(displayed[0] - 112.79)).toBeLessThan(0.1);
    expect(Math.abs(displayed[1] - 34.91)).toBeLessThan(0.1);
  });

  it('creates the parcel from its code when it does not exist yet', async () => {
    const parcelCode = freshParcelCode();
    expect((await hub.request('GET', `/api/parcels/${parcelCode}`)).status).toBe(404);
    await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
    const parcel = await hub.request('GET', `/api/parcels/${parcelCode}`);
    expect(parcel.status).toBe(200);
    expect(parcel.body.parcel.county.name).toBe('孟州市');
  });

  it('rejects an invalid parcel code naming the part that is wrong, and stores nothing', async () => {
    const bad = '410883001004GQ90001';
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(bad));
    expect(res.status).toBe(400);
    expectSchema('error', res.body);
    expect(res.body.code).toBe('PARCEL_CODE_INVALID');
    expect(res.body.message).toContain('宗地特征码 (chars 13–14)');
    const { rows } = await hub.pool.query('SELECT count(*)::int AS n FROM parcel WHERE parcel_code = $1', [bad]);
    expect(rows[0].n).toBe(0);
  });

  it('rejects a malformed body naming the field', async () => {
    const { precisionClass: _omit, ...withoutClass } = landSupplySubmission(freshParcelCode());
    const res = await hub.request('POST', '/api/surveys', { ...withoutClass, surveyedOn: '2025-13-45' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BODY_INVALID');
    expect(res.body.message).toContain('precisionClass is required');
    expect(res.body.message).toContain('surveyedOn');
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const res = await hub.request('POST', '/api/surveys', '{"stage": "land_supply",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BODY_NOT_JSON');
  });

  it('names the point whose X and Y are swapped and offers the corrected reading', async () => {
    const plot = samplePlotAt(0, 0); // at the sample's own position, in 解放区
    const ring = plot.features[0].geometry.coordinates[0];
    ring[2] = [ring[2][1], ring[2][0]];
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(sampleSiteParcelCode(), { features: plot }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('COORDINATES_SWAPPED');
    expect(res.body.message).toContain('point J3');
    expect(res.body.message).toContain('the corrected reading is X 3899260.000, Y 38430860.000');
    expect(res.body.details.report.findings[0]).toMatchObject({ severity: 'error', ring: 1, point: 'J3', suggestion: { points: [{ pointNo: 'J3', x: 3899260, y: 38430860 }] } });
  });

  it('names the ring that is not closed', async () => {
    const plot = samplePlotAt(0, 0);
    plot.features[0].geometry.coordinates[1].pop();
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(sampleSiteParcelCode(), { features: plot }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('RING_NOT_CLOSED');
    expect(res.body.message).toContain('ring 2');
  });

  it('rejects a self-intersecting boundary, naming where it crosses (as PostGIS ST_IsValidDetail does)', async () => {
    const plot = samplePlotAt(0, 0);
    const outer = plot.features[0].geometry.coordinates[0];
    [outer[1], outer[2]] = [outer[2], outer[1]]; // a bow-tie
    plot.features[0].geometry.coordinates.pop();
    plot.features[0].properties.pointNumbers.pop();
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(sampleSiteParcelCode(), { features: plot }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SELF_INTERSECTION');
    expect(res.body.message).toMatch(/Self-intersection at X 3899280\.000, Y 38430830\.000/);
    // The reference: PostGIS finds the crossing at the same place.
    const coords = plot.features[0].geometry.coordinates[0].map(([e, n]: number[]) => `${e} ${n}`).join(',');
    const { rows } = await hub.pool.query(`SELECT ST_X(location) AS e, ST_Y(location) AS n FROM ST_IsValidDetail(ST_GeomFromText('POLYGON((${coords}))', 4526))`);
    expect([rows[0].e, rows[0].n]).toEqual([38430830, 3899280]);
  });

  it('refuses a geographic CRS for a survey result, saying why', async () => {
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { crs: 'EPSG:4490' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CRS_UNSUPPORTED');
    expect(res.body.message).toContain('plane areas');
  });

  it('refuses a kind that does not belong to the stage', async () => {
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { stage: 'presale', kind: '勘测定界' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KIND_NOT_FOR_STAGE');
  });

  it('stores per-unit areas of a pre-sale result and creates the units', async () => {
    const parcelCode = freshParcelCode();
    const units = [
      { unitCode: `${parcelCode}F00010001`, buildingAreaM2: 100.0, innerAreaM2: 82.5, sharedAreaM2: 17.5 },
      { unitCode: `${parcelCode}F00010002`, buildingAreaM2: 95.37, innerAreaM2: 78.69, sharedAreaM2: 16.68 },
    ];
    const res = await hub.request('POST', '/api/surveys', { stage: 'presale', kind: '房产预测', parcelCode, organisation: '测试', surveyedOn: '2025-03-01', crs: 'EPSG:4526', precisionClass: 2, units });
    expect(res.status).toBe(201);
    expect(res.body.unitAreas).toEqual(units);
    const parcel = await hub.request('GET', `/api/parcels/${parcelCode}`);
    expect(parcel.body.units.map((u: any) => u.unitCode)).toEqual(units.map((u) => u.unitCode));
  });

  it('rejects unit areas whose parts do not add up, naming the unit, and writes nothing', async () => {
    const parcelCode = freshParcelCode();
    const units = [{ unitCode: `${parcelCode}F00010001`, buildingAreaM2: 100.0, innerAreaM2: 80, sharedAreaM2: 17.5 }];
    const res = await hub.request('POST', '/api/surveys', { stage: 'presale', kind: '房产预测', parcelCode, organisation: '测试', surveyedOn: '2025-03-01', crs: 'EPSG:4526', precisionClass: 2, units });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNIT_AREAS_INCONSISTENT');
    expect(res.body.message).toContain(`${parcelCode}F00010001`);
    expect((await hub.request('GET', `/api/parcels/${parcelCode}`)).status).toBe(404);
  });

  it('rejects a unit of another parcel', async () => {
    const parcelCode = freshParcelCode();
    const other = freshParcelCode();
    const res = await hub.request('POST', '/api/surveys', { stage: 'presale', kind: '房产预测', parcelCode, organisation: '测试', surveyedOn: '2025-03-01', crs: 'EPSG:4526', precisionClass: 2, units: [{ unitCode: `${other}F00010001`, buildingAreaM2: 50 }] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNIT_NOT_ON_PARCEL');
  });

  it('writes nothing when the transaction fails half-way (a correction of a result that is not accepted)', async () => {
    const parcelCode = freshParcelCode();
    const first = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
    const correction = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { supersedes: first.body.id }));
    expect(correction.status).toBe(400);
    expect(correction.body.code).toBe('SUPERSEDES_NOT_ACCEPTED');
    const { rows } = await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = $1', [parcelCode]);
    expect(rows[0].n).toBe(1);
  });
});

describe('GET /api/surveys/{id}', () => {
  it('answers 404 for an unknown id and 400 for something that is not an id', async () => {
    expect((await hub.request('GET', '/api/surveys/3f2c1e0a-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await hub.request('GET', '/api/surveys/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('SURVEY_ID_INVALID');
  });
});

describe('POST /api/surveys/{id}/review', () => {
  it('accepts a result once; accepting it again answers 409 naming who decided', async () => {
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    const reviewer = await hub.login(['reviewer']);
    const accepted = await fetch(`${hub.url}/api/surveys/${submitted.body.id}/review`, { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'accept', note: '符合登记要求' }) });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'accepted', reviewer: reviewer.username, reviewNote: '符合登记要求' });
    const again = await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SURVEY_ALREADY_DECIDED');
    expect(again.body.message).toContain(reviewer.username);
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    const decisions = await Promise.all([
      hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' }),
      hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'reject', note: '退回' }),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    const winner = decisions.find((d) => d.status === 200)!;
    const stored = await hub.request('GET', `/api/surveys/${submitted.body.id}`);
    expect(stored.body.status).toBe(winner.body.status);
  });

  it('requires a note to reject', async () => {
    const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
    const res = await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'reject' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('note is required');
  });

  it('answers 404 for a review of an unknown result', async () => {
    const res = await hub.request('POST', '/api/surveys/3f2c1e0a-0000-4000-8000-000000000001/review', { decision: 'accept' });
    expect(res.status).toBe(404);
  });

  it('marks the superseded result when its correction is accepted', async () => {
    const parcelCode = freshParcelCode();
    const first = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
    await hub.request('POST', `/api/surveys/${first.body.id}/review`, { decision: 'accept' });
    const moved = structuredClone(first.body.geometry);
    moved.coordinates.forEach((ring: number[][]) => ring.forEach((pos) => (pos[0] += 0.02)));
    const correction = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { supersedes: first.body.id, surveyedOn: '2025-06-01', features: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: moved }] } }));
    expect(correction.status).toBe(201);
    await hub.request('POST', `/api/surveys/${correction.body.id}/review`, { decision: 'accept' });
    expect((await hub.request('GET', `/api/surveys/${first.body.id}`)).body.supersededBy).toBe(correction.body.id);
    const parcel = await hub.request('GET', `/api/parcels/${parcelCode}`);
    expect(parcel.body.currentBoundary.surveyId).toBe(correction.body.id);
    const twice = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { supersedes: first.body.id }));
    expect(twice.status).toBe(409);
  });
});
