// A legacy file of 200 000 plots (beyond the old crash at ~120 k, where one audit argument per result overflowed)
// lands whole through POST /api/imports and every parcel is found afterwards. In a database of its own: the suite's
// shared one stays small. The embedded engine imports 20 000: it is one session for the whole hub, and 200 000 plots
// take it minutes of the suite's time without telling anything the server run does not.
import { startTestHub, type TestHub } from '../support/test-hub';
import { uploadFields } from '../support/files';
import { ownDatabase, type OwnDatabase } from '../support/own-database';

const PLOTS = Number(process.env.STAGED_TEST_PLOTS) || (process.env.TEST_DATABASE_URL ? 200_000 : 20_000);
let own: OwnDatabase;
let hub: TestHub;
beforeAll(async () => {
  own = await ownDatabase('bulk');
  hub = await startTestHub({ DATABASE_URL: own.url });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  await own?.drop();
});

/** 宗地代码 of plot i: 解放区, 地籍区 007, 10 000 parcels per 地籍子区. */
const codeOf = (i: number) => `410802007${String(Math.floor(i / 10_000) + 1).padStart(3, '0')}GB${String((i % 10_000) + 1).padStart(5, '0')}`;

/** An exchange TXT of `n` 40 × 30 m plots edge to edge, 500 to a row, in zone 38 (UTF-8). */
function legacyTxt(n: number): Uint8Array {
  const lines = ['[属性描述]', '格式版本号=1.01', '数据产生单位=焦作市测试测绘有限公司', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=38', '[地块坐标]'];
  for (let i = 0; i < n; i++) {
    const e = 38_420_000 + (i % 500) * 40, nn = 3_890_000 + Math.floor(i / 500) * 30;
    const corners = [[nn, e], [nn, e + 40], [nn + 30, e + 40], [nn + 30, e], [nn, e]];
    lines.push(`5,0.1200,${codeOf(i)},宗地,面,,住宅用地,0701,@`);
    corners.forEach(([x, y], j) => lines.push(`J${(j % 4) + 1},1,${x.toFixed(3)},${y.toFixed(3)}`));
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

it(`imports ${PLOTS} legacy plots in one staged request and finds every one of them`, async () => {
  const { parcelCode: _none, ...fields } = uploadFields('');
  const bytes = legacyTxt(PLOTS);
  const res = await hub.upload('/api/imports?staged=1', { ...fields, stage: 'legacy', kind: '勘测定界', surveyedOn: '2012-06-30' }, { name: 'legacy-city.txt', bytes });
  expect([res.status, res.body.report?.errors, res.body.code]).toEqual([201, 0, undefined]);
  console.log(`${PLOTS} plots: ${JSON.stringify(res.body.seconds)} s`);
  expect(res.body).toMatchObject({ staged: true, counts: { plots: PLOTS, parcels: PLOTS, points: PLOTS * 5, resultsStored: PLOTS } });
  const { rows: [stored] } = await hub.pool.query(
    "SELECT count(*)::int AS results, count(DISTINCT parcel_code)::int AS parcels, sum(plane_area_m2)::float8 AS area FROM survey_result WHERE source_file_name = 'legacy-city.txt'");
  expect(stored).toEqual({ results: PLOTS, parcels: PLOTS, area: PLOTS * 1200 });
  const { rows: [points] } = await hub.pool.query("SELECT count(*)::int AS n FROM boundary_point b JOIN survey_result r ON r.id = b.survey_id WHERE r.source_file_name = 'legacy-city.txt'");
  expect(points.n).toBe(PLOTS * 4);
  for (const i of [0, Math.floor(PLOTS / 2), PLOTS - 1]) {
    const found = await hub.request('GET', `/api/parcels?q=${codeOf(i)}`);
    expect(found.body.items.map((p: any) => [p.parcelCode, p.resultCount ?? p.results ?? 1])).toEqual([[codeOf(i), expect.anything()]]);
  }
  const audit = await hub.pool.query("SELECT jsonb_array_length(details -> 'surveyIds') AS n FROM audit_hub_event WHERE action = 'survey.import' AND details ->> 'file' = 'legacy-city.txt'");
  expect(audit.rows).toEqual([{ n: PLOTS }]);
}, 900_000);
