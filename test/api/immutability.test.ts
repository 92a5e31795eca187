// Accepted results are immutable in the database itself, whatever client writes to it.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
let acceptedId: string;
let parcelCode: string;
beforeAll(async () => {
  hub = await startTestHub();
  parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode));
  acceptedId = submitted.body.id;
  await hub.request('POST', `/api/surveys/${acceptedId}/review`, { decision: 'accept' });
});
afterAll(() => hub.stop());

describe('an accepted result in SQL', () => {
  it('raises an error on an UPDATE of its geometry', async () => {
    await expect(hub.pool.query('UPDATE survey_result SET geom = ST_Translate(geom, 0.001, 0) WHERE id = $1', [acceptedId])).rejects.toThrow(/accepted and its content cannot be changed/);
  });

  it('raises an error on an UPDATE of its provenance or its decision', async () => {
    await expect(hub.pool.query("UPDATE survey_result SET organisation = 'x' WHERE id = $1", [acceptedId])).rejects.toThrow(/cannot be changed/);
    await expect(hub.pool.query("UPDATE survey_result SET status = 'rejected' WHERE id = $1", [acceptedId])).rejects.toThrow(/decision cannot be changed/);
  });

  it('raises an error on DELETE, and on changing its boundary points', async () => {
    await expect(hub.pool.query('DELETE FROM survey_result WHERE id = $1', [acceptedId])).rejects.toThrow(/cannot be deleted/);
    await expect(hub.pool.query('UPDATE boundary_point SET x_north = x_north + 1 WHERE survey_id = $1', [acceptedId])).rejects.toThrow(/cannot be changed/);
    await expect(hub.pool.query('DELETE FROM boundary_point WHERE survey_id = $1', [acceptedId])).rejects.toThrow(/accepted/);
  });

  it('guards every column of survey_result by name: content frozen, decision fields written once', async () => {
    const { rows: columns } = await hub.pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_result' AND table_schema = current_schema()");
    // content and decision in survey_result_guard; the suspension (挂起, 0012) in its own guard
    const { rows: [guard] } = await hub.pool.query("SELECT pg_get_functiondef('survey_result_guard'::regproc) || pg_get_functiondef('survey_result_suspension_guard'::regproc) AS src");
    const unguarded = columns.map((c) => c.column_name).filter((c) => !guard.src.includes(`NEW.${c}`));
    expect(unguarded).toEqual([]);
  });

  it('refuses 界址点 added to it, even several at once in one statement', async () => {
    await expect(hub.pool.query(
      "INSERT INTO boundary_point (parcel_code, survey_id, part_no, ring_no, seq, point_no, x_north, y_east) SELECT $1, $2, 9, 1, s, 'J' || s, 3899300, 38430800 FROM generate_series(1, 3) s",
      [parcelCode, acceptedId],
    )).rejects.toThrow(/accepted: its boundary_point rows cannot be added/);
  });

  it('still reads back unchanged after all those attempts', async () => {
    const read = await hub.request('GET', `/api/surveys/${acceptedId}`);
    expect(read.body.organisation).toBe('焦作市测试测绘有限公司');
    expect(read.body.planeAreaM2).toBe(2300);
    expect(read.body.boundaryPoints).toHaveLength(8);
  });
});

describe('a retired parcel in SQL', () => {
  it('refuses a new result, also when it is one row of a statement inserting many', async () => {
    const [retired, live] = [freshParcelCode(), freshParcelCode()];
    await hub.pool.query("INSERT INTO parcel (parcel_code, organisation) VALUES ($1, 'x'), ($2, 'x')", [retired, live]);
    await hub.pool.query("INSERT INTO parcel_retirement (parcel_code, event_id, kind, successor_codes, change_no, recorded_by) VALUES ($1, gen_random_uuid(), 'split', ARRAY[$2]::char(19)[], '焦变更(2025)9号', 'test')", [retired, live]);
    const insert = (codes: string[]) => hub.pool.query(`INSERT INTO survey_result (parcel_code, stage, kind, organisation, surveyed_on, srid, precision_class, source_sha256)
      SELECT code, 'legacy', '勘测定界', 'x', '2012-06-30', 4526, 1, repeat('0', 64) FROM unnest($1::text[]) AS code`, [codes]);
    await expect(insert([live, retired])).rejects.toMatchObject({ code: 'OSH03', message: expect.stringContaining(`parcel ${retired} was retired`) });
    const { rows } = await hub.pool.query('SELECT count(*)::int AS n FROM survey_result WHERE parcel_code = $1', [live]);
    expect(rows[0].n).toBe(0);
    await insert([live]);
  });
});
