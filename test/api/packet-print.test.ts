// The printed packet a registrar files: the 宗地图 with 边长, scale and north arrow, the 界址点成果表 with 圈号 and class,
// areas to 0.01 m², the decision and each value's rule and source in words, Beijing time, and no internal id anywhere.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** The supply procedure the 权籍调查 was used for: R2 makes it the registration's boundary and area. */
const SUPPLY = { supplyDocumentKind: '出让合同', supplyDocumentNo: '焦土出让(2024)17号', supplyDocumentDate: '2024-12-01' };
const READING = `applicationNo=JZ2025-77&purpose=${encodeURIComponent('首次登记审核')}`;

async function printedPacket(precisionClass: number) {
  const parcelCode = freshParcelCode();
  const submitted = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { precisionClass, features: samplePlotAt(...freeCell()), ...SUPPLY }));
  expect(submitted.status).toBe(201);
  expect((await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' })).status).toBe(200);
  const created = await hub.request('POST', '/api/registration-packets', { parcelCode, registrationType: '国有建设用地使用权首次登记', applicationNo: 'JZ2025-77', purpose: '首次登记审核' });
  expect(created.status).toBe(201);
  const file = await hub.download(`/api/registration-packets/${created.body.packetId}?format=html&${READING}`);
  expect(file.status).toBe(200);
  return { parcelCode, packet: created.body, html: Buffer.from(file.bytes).toString('utf8'), surveyId: submitted.body.id as string };
}

describe('the printed packet of a parcel whose 权籍调查 is reused', () => {
  let printed: Awaited<ReturnType<typeof printedPacket>>;
  beforeAll(async () => {
    printed = await printedPacket(2);
  });

  it('draws the 60 m × 40 m parcel with its hole at 1:500, every 边长 written to 0.01 m', () => {
    expect(printed.html).toMatch(/<svg[^>]*class="parcel-sketch"[^>]*data-scale="500"/);
    const sideLabels = [...printed.html.matchAll(/<text class="side"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(sideLabels).toEqual(['60.00', '40.00', '60.00', '40.00', '10.00', '10.00', '10.00', '10.00']);
    const pointLabels = [...printed.html.matchAll(/<text class="pt"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(pointLabels).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    expect(printed.html).toContain('北 N');
    expect(printed.html).toContain('1:500 · EPSG:4526');
  });

  it('lists the 界址点 with their 圈号, the side to the next point and the precision class of the result', () => {
    expect(printed.html).toMatch(/<tr><td>J1<\/td><td class="num">1<\/td><td class="num">[\d.]+<\/td><td class="num">[\d.]+<\/td><td>J1–J2<\/td><td class="num">60\.00<\/td><td>二级（点位中误差 ±7\.5 cm）<\/td><\/tr>/);
    expect(printed.html).toMatch(/<tr><td>J5<\/td><td class="num">2<\/td>/);
  });

  it('writes the land area to 0.01 m² with the rule and the source in words', () => {
    expect(printed.html).toContain('2300.00 m²');
    expect(printed.packet.landArea.rule).toBe('R2');
    expect(printed.html).toContain('<strong>R2</strong> 供地阶段的权籍调查成果直接用于首次登记');
    expect(printed.html).toContain(`权籍调查，焦作市测试测绘有限公司，2025-01-15 测量（成果 ${printed.surveyId.replace(/-/g, '').slice(0, 8).toUpperCase()}）`);
  });

  it('says the decision in words and the time in Beijing time', () => {
    expect(printed.html).toMatch(/<span class="decision" data-testid="printed-decision">复用 /);
    expect(printed.html).not.toMatch(/new_survey_required|awaiting_review/);
    expect(printed.html).toContain('<td>宗地界址（权籍调查 R2 / 供地文件坐标 R4 / 历史成果 R1）</td>'); // the requirement in words
    expect(printed.html).not.toMatch(/land_boundary|verified_units/);
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(printed.packet.createdAt));
    expect(printed.html).toContain(`${beijing}（北京时间 UTC+8）`);
  });

  it('shows no internal id (UUID) anywhere on the page', () => {
    expect(printed.packet.packetId).toMatch(UUID);
    expect(printed.html).not.toMatch(UUID);
  });
});
