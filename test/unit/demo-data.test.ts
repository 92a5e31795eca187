// The demo set a newcomer loads: every code, result and geometry must be something the hub accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoSet, type DemoSet, type DemoStep } from '../../server/demo/demo-data';
import { parseParcelCode, parseUnitCode } from '../../server/domain/parcel-code';
import { polygonPlaneArea, ringSignedArea } from '../../server/domain/plane-area';
import { checkSubmission, type KindRule } from '../../server/domain/survey-submission';

const TODAY = '2026-11-26';
const JIAOZUO = ['410802', '410803', '410804', '410811', '410821', '410822', '410823', '410825', '410882', '410883'];

/** The survey_kind rows of the migrations (0001, and 0004's 房产测量 and families), parsed so the test cannot drift from the schema. */
function kindsFromMigration(): KindRule[] {
  const read = (file: string) => readFileSync(join(__dirname, '../../sql/migrations', file), 'utf8');
  const inserts = [read('0001_foundation.sql'), read('0004_registration_evidence_lineage.sql')].map((sql) => {
    const insert = sql.slice(sql.indexOf('INSERT INTO survey_kind'));
    return insert.slice(0, insert.indexOf(';'));
  }).join('\n');
  const families = [...read('0004_registration_evidence_lineage.sql').matchAll(/WHEN '([^']+)' THEN '([a-z_]+)'/g)];
  const familyOf = (code: string) => families.find(([, c]) => c === code)![2] as KindRule['family'];
  const rows = [...inserts.matchAll(/\(\s*'([^']+)',\s*'[^']*',\s*'\{([^}]*)\}',\s*'(parcel_boundary|building_footprint)',\s*(true|false)/g)];
  return rows.map(([, code, stages, role, official]) => ({
    code, stages: stages.split(','), geometryRole: role as KindRule['geometryRole'], officialLandArea: official === 'true',
    family: familyOf(code), geometryRequired: role === 'parcel_boundary' && official !== 'true',
  }));
}

type Polygon = number[][][];
const polygonsOf = (step: DemoStep): Polygon[] => (step.submission.features?.features ?? []).flatMap((f) =>
  (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Polygon[]);

const kinds = kindsFromMigration();
const roleOf = (kind: string) => kinds.find((k) => k.code === kind)?.geometryRole;
const isBoundary = (s: DemoStep) => roleOf(s.submission.kind) === 'parcel_boundary';

function insideRing(p: number[], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const insidePolygons = (p: number[], polygons: Polygon[]) =>
  polygons.some(([outer, ...holes]) => insideRing(p, outer) && !holes.some((h) => insideRing(p, h)));

describe('buildDemoSet', () => {
  let set: DemoSet;
  beforeAll(() => { set = buildDemoSet(TODAY); });

  it('reads the eleven survey kinds from the migrations', () => {
    expect(kinds.map((k) => k.code)).toEqual(['勘测定界', '权籍调查', '出让合同', '划拨决定书', '规划放线', '规划验线', '规划核实', '房产预测', '房产实测', '竣工测量', '房产测量']);
    expect(kinds.filter((k) => !k.geometryRequired && k.geometryRole === 'parcel_boundary').map((k) => k.code)).toEqual(['出让合同', '划拨决定书']);
    expect(kinds.find((k) => k.code === '规划核实')?.stages).toEqual(['planning', 'completion', 'legacy']);
  });

  it('is deterministic', () => {
    expect(buildDemoSet(TODAY)).toEqual(set);
  });

  it('has at least 30 parcels over all ten 焦作 counties, with valid unique 宗地代码', () => {
    expect(set.parcels.length).toBeGreaterThanOrEqual(30);
    expect(new Set(set.parcels.map((p) => p.parcelCode)).size).toBe(set.parcels.length);
    for (const p of set.parcels) {
      const parsed = parseParcelCode(p.parcelCode);
      if (!parsed.ok) throw new Error(`${p.parcelCode}: ${JSON.stringify(parsed.problems)}`);
      expect(p.location).toMatch(/^焦作市/);
      expect(p.landUse && p.rightType).toBeTruthy();
    }
    expect(new Set(set.parcels.map((p) => p.parcelCode.slice(0, 6)))).toEqual(new Set(JIAOZUO));
    expect(set.parcels.some((p) => p.parcelCode.slice(12, 14) === 'JC')).toBe(true);
  });

  it('keeps clear of 孟州 (410883) sequences 90000–99999, which tests use', () => {
    const clash = set.parcels.filter((p) => p.parcelCode.startsWith('410883') && Number(p.parcelCode.slice(14)) >= 90000);
    expect(clash).toEqual([]);
  });

  it('has valid, unique 不动产单元号 on its own parcels', () => {
    const parcels = new Set(set.parcels.map((p) => p.parcelCode));
    expect(new Set(set.units.map((u) => u.unitCode)).size).toBe(set.units.length);
    for (const u of set.units) {
      const parsed = parseUnitCode(u.unitCode);
      if (!parsed.ok) throw new Error(`${u.unitCode}: ${JSON.stringify(parsed.problems)}`);
      expect(parsed.value.attachmentType).toBe('F');
      expect(parcels.has(u.unitCode.slice(0, 19))).toBe(true);
    }
  });

  it('passes checkSubmission for every step, on known parcels and units, dated by today', () => {
    const parcels = new Set(set.parcels.map((p) => p.parcelCode));
    const units = new Set(set.units.map((u) => u.unitCode));
    for (const [i, step] of set.steps.entries()) {
      const result = checkSubmission(step.submission, kinds, TODAY);
      if (!result.ok) throw new Error(`step ${i}: ${JSON.stringify(result.problem)}`);
      expect(parcels.has(step.submission.parcelCode)).toBe(true);
      for (const u of step.submission.units ?? []) {
        expect(units.has(u.unitCode)).toBe(true);
        expect(Math.round((u.innerAreaM2! + u.sharedAreaM2!) * 100)).toBe(Math.round(u.buildingAreaM2 * 100));
      }
      expect(step.submission.surveyedOn >= (step.submission.stage === 'legacy' ? '2005-01-01' : '2019-01-01') && step.submission.surveyedOn <= TODAY).toBe(true);
    }
  });

  it('leaves out what was surveyed after an earlier today, and stays consistent', () => {
    const early = buildDemoSet('2021-06-30');
    expect(early.steps.length).toBeGreaterThan(0);
    expect(early.steps.length).toBeLessThan(set.steps.length);
    for (const step of early.steps) {
      expect(step.submission.surveyedOn <= '2021-06-30').toBe(true);
      expect(checkSubmission(step.submission, kinds, '2021-06-30').ok).toBe(true);
    }
  });

  it('orders steps by date and gives every parcel a land-supply result before any other non-legacy stage', () => {
    const dates = set.steps.map((s) => s.submission.surveyedOn);
    expect([...dates].sort()).toEqual(dates);
    for (const p of set.parcels) {
      const own = set.steps.filter((s) => s.submission.parcelCode === p.parcelCode && s.submission.stage !== 'legacy');
      if (own.length) expect(own[0].submission.stage).toBe('land_supply');
    }
  });

  it('supersedes only an earlier accepted result of the same parcel, once or twice', () => {
    const superseding = set.steps.filter((s) => s.submission.supersedes);
    expect(superseding.length).toBeGreaterThanOrEqual(1);
    expect(superseding.length).toBeLessThanOrEqual(3);
    for (const [i, step] of set.steps.entries()) {
      if (!step.submission.supersedes) continue;
      const m = /^\$step:(\d+)$/.exec(step.submission.supersedes);
      expect(m).not.toBeNull();
      const target = set.steps[Number(m![1])];
      expect(Number(m![1])).toBeLessThan(i);
      expect(target.submission.parcelCode).toBe(step.submission.parcelCode);
      expect(target.submission.kind).toBe(step.submission.kind);
      expect(target.review?.decision).toBe('accept');
    }
  });

  it('mixes statuses: mostly accepted, a review queue, a rejection or two with a Chinese note', () => {
    const accepted = set.steps.filter((s) => s.review?.decision === 'accept');
    const rejected = set.steps.filter((s) => s.review?.decision === 'reject');
    const queued = set.steps.filter((s) => !s.review);
    expect(accepted.length).toBeGreaterThan(set.steps.length / 2);
    expect(queued.length).toBeGreaterThanOrEqual(3);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeLessThanOrEqual(2);
    for (const r of rejected) expect(r.review!.note).toMatch(/[\u4e00-\u9fff]/);
    const stages = new Set(set.steps.map((s) => s.submission.stage));
    expect(stages).toEqual(new Set(['land_supply', 'planning', 'presale', 'completion', 'legacy']));
  });

  it('writes every coordinate in EPSG:4526 to at most 3 decimals, rings closed, outer CCW, holes CW, J-numbered', () => {
    let holes = 0, multi = 0;
    for (const step of set.steps) {
      expect(step.submission.crs).toBe('EPSG:4526');
      for (const f of step.submission.features?.features ?? []) if (f.geometry.type === 'MultiPolygon') multi++;
      for (const polygon of polygonsOf(step)) {
        polygon.forEach((ring, r) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ring.length - 1).toBeGreaterThanOrEqual(4);
          expect(ring.length - 1).toBeLessThanOrEqual(8);
          expect(Math.sign(ringSignedArea(ring))).toBe(r === 0 ? 1 : -1);
          for (const [e, n] of ring) {
            expect(e).toBeGreaterThan(38_300_000); expect(e).toBeLessThan(38_500_000);
            expect(n).toBeGreaterThan(3_860_000); expect(n).toBeLessThan(3_930_000);
            for (const v of [e, n]) expect(String(v)).toMatch(/^\d+(\.\d{1,3})?$/);
          }
        });
        if (isBoundary(step)) holes += polygon.length - 1;
      }
      for (const f of isBoundary(step) ? step.submission.features!.features : []) {
        const numbers = f.properties?.pointNumbers as unknown[];
        const rings = (f.geometry.type === 'Polygon' ? numbers : (numbers as unknown[][]).flat()) as string[][];
        expect(rings.flat().every((n) => /^J\d+$/.test(n))).toBe(true);
      }
    }
    expect(holes).toBeGreaterThan(0);
    expect(multi).toBeGreaterThan(0);
  });

  it('has parcels of 600–20 000 m² (plane area) that do not overlap, with building footprints inside them', () => {
    const boxes = new Map<string, number[]>();
    for (const step of set.steps) {
      const polygons = polygonsOf(step);
      if (polygons.length === 0) continue;
      if (isBoundary(step)) {
        const area = polygons.reduce((sum, p) => sum + polygonPlaneArea(p), 0);
        expect(area).toBeGreaterThanOrEqual(600);
        expect(area).toBeLessThanOrEqual(20_000);
        if (step.submission.declaredAreaM2 !== undefined) expect(Math.abs(step.submission.declaredAreaM2 - area)).toBeLessThan(1);
        const box = boxes.get(step.submission.parcelCode) ?? [Infinity, Infinity, -Infinity, -Infinity];
        for (const [e, n] of polygons.flat(2) as unknown as number[][]) {
          box.splice(0, 4, Math.min(box[0], e), Math.min(box[1], n), Math.max(box[2], e), Math.max(box[3], n));
        }
        boxes.set(step.submission.parcelCode, box);
      }
    }
    expect(boxes.size).toBe(set.parcels.length);
    const list = [...boxes.entries()];
    // A parcel made by a split or merge lies on its predecessors' land: those pairs are the one allowed overlap.
    const related = (x: string, y: string) => set.lineage.some((l) => (l.predecessors.includes(x) && l.successors.includes(y)) || (l.predecessors.includes(y) && l.successors.includes(x)));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i][1], list[j][1]];
        const disjoint = a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1];
        // Adjacent parcels share an edge: their grid boxes meet in a strip under 1 m wide (the grid is turned ~0.4° from
        // the local axes here, meridian convergence); parcels apart are 30 m apart.
        const touching = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) < 1 || Math.min(a[3], b[3]) - Math.max(a[1], b[1]) < 1;
        if (!disjoint && !touching && !related(list[i][0], list[j][0])) throw new Error(`${list[i][0]} and ${list[j][0]} overlap`);
      }
    }
    for (const step of set.steps.filter((s) => !isBoundary(s) && s.submission.features)) {
      const parcel = set.steps.find((s) => isBoundary(s) && s.submission.parcelCode === step.submission.parcelCode)!;
      for (const p of polygonsOf(step).flat(2) as unknown as number[][]) expect(insidePolygons(p, polygonsOf(parcel))).toBe(true);
    }
  });

  it('records one split and one merge, the new parcels surveyed with their predecessors named, and asks for a packet per decision', () => {
    expect(set.lineage.map((l) => [l.kind, l.predecessors.length, l.successors.length])).toEqual([['split', 1, 2], ['merge', 2, 1]]);
    for (const l of set.lineage) {
      for (const code of l.successors) {
        const survey = set.steps.find((s) => s.submission.parcelCode === code)!;
        expect([survey.submission.kind, survey.submission.predecessorCodes, survey.review?.decision]).toEqual(['权籍调查', l.predecessors, 'accept']);
      }
    }
    expect(set.packets.length).toBeGreaterThanOrEqual(4);
    const evidence = set.steps.filter((s) => s.submission.supplyDocumentNo).length;
    const acceptance = set.steps.filter((s) => s.submission.completionAcceptanceNo).length;
    expect([evidence > 10, acceptance > 5]).toEqual([true, true]);
  });

  it('shows 面积误差比 both within and beyond ±3 % between presale and completion', () => {
    const latest = (stage: string) => {
      const areas = new Map<string, number>();
      for (const s of set.steps) {
        if (s.submission.stage !== stage || s.review?.decision === 'reject') continue;
        for (const u of s.submission.units ?? []) areas.set(u.unitCode, u.buildingAreaM2);
      }
      return areas;
    };
    const [presale, completion] = [latest('presale'), latest('completion')];
    const ratios = [...completion].filter(([code]) => presale.has(code)).map(([code, area]) => (area - presale.get(code)!) / presale.get(code)!);
    expect(ratios.filter((r) => r > 0.03).length).toBeGreaterThanOrEqual(1);
    expect(ratios.filter((r) => r < -0.03).length).toBeGreaterThanOrEqual(1);
    expect(ratios.filter((r) => Math.abs(r) <= 0.03).length).toBeGreaterThan(ratios.length / 2);
  });
});
