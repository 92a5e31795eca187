// A small, deterministic 焦作 demo set: parcels, units and survey results across every stage (DOMAIN.md §2–§6).
import proj4 from 'proj4';
import { proj4Definition, zoneCrsFromEpsg } from '../domain/crs';
import { multiPolygonPlaneArea } from '../domain/plane-area';
import type { SurveySubmission } from '../domain/survey-submission';
import type { ChangeKind, RegistrationType } from '../domain/registration.table';

export interface DemoParcel { parcelCode: string; location: string; landUse: string; rightType: string }
export interface DemoUnit { unitCode: string; location: string; use: string; floor: string }
export interface DemoStep { submission: SurveySubmission; review?: { decision: 'accept' | 'reject'; note?: string; reviewer: string } }
/** A split or merge recorded once the new parcels' 权籍调查 are accepted. */
export interface DemoLineage { kind: 'split' | 'merge'; predecessors: string[]; successors: string[]; changeNo: string }
/** A registration packet the demo registrar asked for (one per decision value the engine gives). */
export interface DemoPacket { parcelCode: string; registrationType: RegistrationType; changeKind?: ChangeKind; applicationNo: string; purpose: string }
export interface DemoSet { parcels: DemoParcel[]; units: DemoUnit[]; steps: DemoStep[]; lineage: DemoLineage[]; packets: DemoPacket[] }

type Use = 'R' | 'S' | 'I' | 'P' | 'V';
/** H housing (all stages), P planning, L land only, N land only and recent (review queue), O legacy house survey. */
type Profile = 'H' | 'P' | 'L' | 'N' | 'O';
type Event = '' | 'fix-land' | 'reject-land' | 'fix-presale' | 'reject-completion' | 'over' | 'under';
type Row = [county: string, use: Use, profile: Profile, w: number, h: number, shape: string, street: string, event?: Event];

/** County: name, 地籍区+地籍子区 of the demo block, approximate lon/lat of the urban centre, village block offset (m). */
const COUNTIES: Record<string, [string, string, number, number, [number, number]?]> = {
  '410802': ['解放区', '003012', 113.226, 35.240], '410803': ['中站区', '002005', 113.183, 35.236],
  '410804': ['马村区', '004003', 113.322, 35.262], '410811': ['山阳区', '005008', 113.267, 35.214],
  '410821': ['修武县', '001006', 113.447, 35.224], '410822': ['博爱县', '001004', 113.064, 35.171],
  '410823': ['武陟县', '002009', 113.401, 35.099], '410825': ['温县', '001007', 113.080, 34.941, [2600, -1800]],
  '410882': ['沁阳市', '003002', 112.951, 35.088], '410883': ['孟州市', '001004', 112.790, 34.907, [-3200, 2100]],
};

const USES: Record<Use, [landUse: string, rightType: string, feature: string, unitUse: string]> = {
  R: ['住宅用地', '国有建设用地使用权', 'GB', '住宅'], S: ['商服用地', '国有建设用地使用权', 'GB', '商业'],
  I: ['工业用地', '国有建设用地使用权', 'GB', '工业'], P: ['公共管理与公共服务用地', '国有建设用地使用权', 'GB', '教育'],
  V: ['农村宅基地', '宅基地使用权', 'JC', '住宅'],
};

/** Shapes in the unit square of a parcel's w × h m slot: R rectangle, C chamfered, L, O octagon, M two parts; '+' adds a hole. */
const SHAPES: Record<string, number[][][]> = {
  R: [[[0, 0], [1, 0], [1, 1], [0, 1]]], C: [[[0, 0], [1, 0], [1, 0.8], [0.8, 1], [0, 1]]],
  L: [[[0, 0], [1, 0], [1, 0.55], [0.55, 0.55], [0.55, 1], [0, 1]]],
  O: [[[0.1, 0], [0.9, 0], [1, 0.1], [1, 0.9], [0.9, 1], [0.1, 1], [0, 0.9], [0, 0.1]]],
  M: [[[0, 0], [0.45, 0], [0.45, 1], [0, 1]], [[0.55, 0], [1, 0], [1, 1], [0.55, 1]]],
};
const HOLE = [[0.62, 0.62], [0.62, 0.82], [0.82, 0.82], [0.82, 0.62]]; // clockwise
const FOOTPRINTS = [[[0.12, 0.15], [0.42, 0.15], [0.42, 0.42], [0.12, 0.42]], [[0.58, 0.15], [0.88, 0.15], [0.88, 0.42], [0.58, 0.42]]];

const ROWS: Row[] = [
  ['410802', 'R', 'H', 120, 100, 'R', '民主南路88号', 'over'], ['410802', 'S', 'P', 60, 45, 'C', '解放中路166号'],
  ['410802', 'R', 'H', 110, 90, 'O', '建设西路35号'], ['410802', 'R', 'O', 80, 70, 'R', '焦东北路12号'],
  ['410802', 'S', 'L', 50, 40, 'R', '人民路1018号', 'fix-land'],
  ['410803', 'I', 'L', 130, 120, 'R+', '光亚路26号'], ['410803', 'R', 'H', 100, 90, 'L', '冯营路9号'],
  ['410803', 'P', 'P', 120, 100, 'M', '新园路3号'],
  ['410804', 'I', 'L', 140, 120, 'C+', '待王大道1588号'], ['410804', 'R', 'H', 110, 95, 'R', '九里山路北段66号'],
  ['410804', 'R', 'O', 70, 60, 'R', '人民路东段21号'],
  ['410811', 'R', 'H', 130, 110, 'O', '山阳路2009号'], ['410811', 'S', 'P', 70, 50, 'R', '塔南路1736号'],
  ['410811', 'R', 'H', 120, 100, 'L', '丰收路298号', 'under'], ['410811', 'P', 'P', 100, 90, 'R+', '世纪路1689号'],
  ['410811', 'S', 'N', 55, 45, 'C', '迎宾路88号'],
  ['410821', 'R', 'H', 110, 90, 'R', '云台大道188号', 'reject-completion'], ['410821', 'I', 'L', 120, 110, 'R', '竹林大道16号'],
  ['410821', 'S', 'L', 60, 40, 'R', '七贤路52号', 'reject-land'],
  ['410822', 'R', 'H', 100, 90, 'C', '鸿昌路266号'], ['410822', 'I', 'P', 130, 100, 'R', '月山路8号'],
  ['410822', 'R', 'O', 70, 60, 'R', '怀府路45号'],
  ['410823', 'R', 'H', 120, 100, 'R+', '木栾大道599号', 'fix-presale'], ['410823', 'S', 'P', 65, 50, 'O', '迎宾大道126号'],
  ['410823', 'I', 'L', 135, 120, 'L', '龙泉路77号'], ['410823', 'P', 'L', 90, 80, 'R', '龙源路18号'],
  ['410825', 'R', 'H', 110, 100, 'R', '黄河路366号'], ['410825', 'V', 'L', 30, 25, 'R', '赵堡镇东王庄村5组17号'],
  ['410825', 'V', 'N', 32, 24, 'R', '赵堡镇东王庄村5组19号'],
  ['410882', 'R', 'H', 120, 105, 'R', '怀府中路188号', 'over'], ['410882', 'S', 'P', 60, 45, 'R', '覃怀路66号'],
  ['410882', 'I', 'L', 130, 115, 'C+', '太行大道西段9号'], ['410882', 'R', 'O', 75, 60, 'R', '香港路23号'],
  ['410883', 'R', 'H', 115, 100, 'O', '韩愈大街299号'], ['410883', 'V', 'L', 30, 26, 'R', '西虢镇上段村3组8号'],
  ['410883', 'V', 'N', 28, 25, 'R', '西虢镇上段村3组10号'],
];

const ORGS = ['焦作市覃怀测绘有限公司', '焦作市太行勘测规划有限公司', '焦作市沁河地理信息有限公司', '焦作市月山房产测绘有限公司', '河南怀川测绘工程有限公司'];
const REVIEWERS = ['焦作市不动产登记中心 王芳', '焦作市不动产登记中心 刘洋', '焦作市自然资源和规划局 陈静'];
/** Results surveyed on or after this date are left submitted: the review queue. */
const QUEUE_FROM = '2024-12-01';
const NOTES = {
  land: '界址点J2、J3与相邻宗地已登记界址线不一致，请核实后重新提交',
  completion: '分摊面积与楼盘表不符：公共部位未按幢分摊，请重新计算分摊系数后提交',
};

const CRS = 'EPSG:4526';
const toGrid = proj4('+proj=longlat +ellps=GRS80 +no_defs', proj4Definition(zoneCrsFromEpsg(4526)!));
const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Feature = NonNullable<SurveySubmission['features']>['features'][number];
type UnitArea = NonNullable<SurveySubmission['units']>[number];

/** Local metres east/north of a county centre → EPSG:4526 [easting, northing] to the millimetre. */
function gridPoint(lon0: number, lat0: number, x: number, y: number): number[] {
  const phi = (lat0 * Math.PI) / 180;
  const mLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const mLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  const [e, n] = toGrid.forward([lon0 + x / mLon, lat0 + y / mLat]);
  return [r3(e), r3(n)];
}

/** Polygons (unit-square rings) placed in the slot at (x0, y0), w × h m; closed rings and J-numbered points. */
function feature(county: string, polys: number[][][][], x0: number, y0: number, w: number, h: number, numbered: boolean): Feature {
  const [, , lon0, lat0] = COUNTIES[county];
  let next = 1;
  const coords = polys.map((rings) => rings.map((ring) => {
    const pts = ring.map(([u, v]) => gridPoint(lon0, lat0, x0 + u * w, y0 + v * h));
    return [...pts, pts[0]];
  }));
  const numbers = coords.map((rings) => rings.map((ring) => ring.slice(1).map(() => `J${next++}`)));
  const multi = coords.length > 1;
  return {
    type: 'Feature',
    geometry: { type: multi ? 'MultiPolygon' : 'Polygon', coordinates: multi ? coords : coords[0] },
    properties: numbered ? { pointNumbers: multi ? numbers : numbers[0] } : null,
  };
}

const collection = (features: Feature[]) => ({ type: 'FeatureCollection' as const, features });
const featureArea = (f: Feature) => multiPolygonPlaneArea((f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][]);

interface Draft { key: string; s: SurveySubmission; decision?: 'accept' | 'reject' | 'none'; note?: string; supersedesKey?: string }

/** The demo set as of `today` (YYYY-MM-DD): results surveyed after today are left out. Same input, same output. */
export function buildDemoSet(today: string): DemoSet {
  const rand = prng(20190815);
  const parcels: DemoParcel[] = [];
  const units: DemoUnit[] = [];
  const drafts: Draft[] = [];
  const cursors = new Map<string, { x: number; y: number; rowH: number; n: number }>();
  const seqs = new Map<string, number>();

  ROWS.forEach(([county, use, profile, w, h, shapeName, street, event = ''], i) => {
    const [countyName, block, , , village] = COUNTIES[county];
    const [landUse, rightType, feat, unitUse] = USES[use];
    const isVillage = use === 'V';
    const seq = (seqs.get(county + feat) ?? (isVillage ? 200 : 100)) + 1 + Math.floor(rand() * 3);
    seqs.set(county + feat, seq);
    const parcelCode = `${county}${isVillage ? '021004' : block}${feat}${String(seq).padStart(5, '0')}`;
    const location = `焦作市${countyName}${street}`;
    parcels.push({ parcelCode, location, landUse, rightType });

    // Slots on a grid east/south of the block origin with 30 m roads between them: no two parcels overlap.
    const cur = cursors.get(`${county}${isVillage}`) ?? { x: isVillage ? village![0] : 0, y: isVillage ? village![1] : 0, rowH: 0, n: 0 };
    if (cur.n > 0 && cur.n % 3 === 0) Object.assign(cur, { x: isVillage ? village![0] : 0, y: cur.y - cur.rowH - 30, rowH: 0 });
    const [x0, y0] = [cur.x, cur.y - h];
    Object.assign(cur, { x: cur.x + w + 30, rowH: Math.max(cur.rowH, h), n: cur.n + 1 });
    cursors.set(`${county}${isVillage}`, cur);

    const shape = SHAPES[shapeName[0]].map((ring) => (shapeName.endsWith('+') ? [ring, HOLE] : [ring]));
    const boundary = feature(county, shape, x0, y0, w, h, true);
    const area = r2(featureArea(boundary));
    const nb = use === 'S' || w * h < 11_000 ? 1 : 2;
    const footprints = collection(FOOTPRINTS.slice(0, nb).map((f) => feature(county, [[f]], x0, y0, w, h, false)));
    const precisionClass: 1 | 2 | 3 = isVillage ? (i % 2 === 0 ? 3 : 2) : county === '410821' && use === 'I' ? 2 : 1;
    const t0 = profile === 'N' ? addDays('2025-06-02', i * 5) : addDays('2019-04-01', i * 28 + rand() * 30);
    const org = (k: number) => ORGS[(i + k) % ORGS.length];

    const add = (key: string, stage: SurveySubmission['stage'], kind: string, when: number | string, body: Partial<SurveySubmission>, extra: Partial<Draft> = {}) => {
      const s: SurveySubmission = { stage, kind, parcelCode, organisation: org(kind.length), surveyedOn: typeof when === 'string' ? when : addDays(t0, when), crs: CRS, precisionClass, ...body };
      drafts.push({ key: `${i}:${key}`, s, ...extra, supersedesKey: extra.supersedesKey && `${i}:${extra.supersedesKey}` });
    };
    const land = { features: collection([boundary]), declaredAreaM2: area };

    // Land supply: every parcel (legacy house surveys 'O': results from before unified registration, R1).
    const year = (iso: string) => iso.slice(0, 4);
    const docKind = isVillage ? '其他供地文件' : use === 'P' ? '划拨决定书' : '出让合同';
    const docNo = (iso: string) => `${isVillage ? '孟宅批' : use === 'P' ? '焦土划拨' : '焦土出让'}(${year(iso)})${String(11 + i).padStart(3, '0')}号`;
    const usedFor = (when: number) => {
      const date = addDays(t0, when + 20);
      return date <= today ? { supplyDocumentKind: docKind, supplyDocumentNo: docNo(date), supplyDocumentDate: date } : {};
    };
    if (profile === 'O') {
      add('land', 'legacy', '勘测定界', addDays('2009-03-02', i * 31), land);
    } else if (isVillage || profile === 'N' || event === 'fix-land' || event === 'reject-land' || (use === 'S' && i % 2 === 0)) {
      add('land', 'land_supply', '权籍调查', 0, { ...land, ...usedFor(0) }, event === 'reject-land' ? { decision: 'reject', note: NOTES.land } : {});
      if (event === 'reject-land') add('land2', 'land_supply', '权籍调查', 47, { ...land, ...usedFor(47) });
      if (event === 'fix-land') {
        const fixed = feature(county, shape, x0, y0, w - 0.35, h, true);
        add('land2', 'land_supply', '权籍调查', 512, { features: collection([fixed]), declaredAreaM2: r2(featureArea(fixed)), ...usedFor(512) }, { supersedesKey: 'land' });
      }
    } else {
      add('land', 'land_supply', '勘测定界', 0, land);
      const declared = i % 3 === 0 ? Math.round(area) : area;
      const kind = use === 'P' ? '划拨决定书' : '出让合同';
      add('supply', 'land_supply', kind, 38, { ...land, declaredAreaM2: declared, supplyDocumentKind: kind, supplyDocumentNo: docNo(addDays(t0, 38)), supplyDocumentDate: addDays(t0, 38) });
    }

    if (profile === 'P') {
      add('check', 'planning', '规划验线', 260, { features: footprints });
      add('verify', 'planning', '规划核实', 700, { features: footprints });
    }

    // Units (楼盘表): nb buildings × 6 households, predicted areas; completion within ±1.5 % unless flagged.
    const perBuilding = profile === 'O' ? 4 : 6;
    if (profile === 'H' || profile === 'O') {
      const presale: UnitArea[] = [];
      for (let b = 1; b <= (profile === 'O' ? 1 : nb); b++) {
        const coef = 0.14 + rand() * 0.08;
        for (let u = 1; u <= perBuilding; u++) {
          const unitCode = `${parcelCode}F${String(b).padStart(4, '0')}${String(u).padStart(4, '0')}`;
          const floor = Math.ceil(u / 2);
          const room = `${b}幢1单元${floor}0${((u - 1) % 2) + 1}室`;
          units.push({ unitCode, location: `${location}${room}`, use: profile === 'O' && u === 1 ? '商业' : unitUse, floor: String(floor) });
          const innerAreaM2 = r2(78 + rand() * 56);
          const sharedAreaM2 = r2(innerAreaM2 * coef);
          presale.push({ unitCode, buildingAreaM2: r2(innerAreaM2 + sharedAreaM2), innerAreaM2, sharedAreaM2, location: room });
        }
      }
      const scaled = (list: UnitArea[], f: (u: UnitArea, k: number) => [number, number]) => list.map((u, k) => {
        const [fi, fs] = f(u, k);
        const innerAreaM2 = r2(u.innerAreaM2! * fi), sharedAreaM2 = r2(u.sharedAreaM2! * fs);
        return { ...u, innerAreaM2, sharedAreaM2, buildingAreaM2: r2(innerAreaM2 + sharedAreaM2) };
      });
      const withTotal = (list: UnitArea[]) => ({ units: list, declaredBuildingAreaM2: r2(list.reduce((sum, u) => sum + u.buildingAreaM2, 0)) });
      if (profile === 'O') {
        add('legacy', 'legacy', i % 2 ? '房产测量' : '房产实测', addDays('2010-01-08', i * 37), { ...withTotal(presale), precisionClass: 2, areaPrecisionClass: 2 });
      } else {
        const flag: Record<number, number> = event === 'over' ? { 2: 0.036, 3: 0.043 } : event === 'under' ? { 10: -0.038 } : {};
        add('layout', 'planning', '规划放线', 210, { features: footprints });
        add('presale', 'presale', '房产预测', 420, { ...withTotal(presale), areaPrecisionClass: 2 });
        let predicted = presale;
        if (event === 'fix-presale') {
          predicted = scaled(presale, (u) => (u.unitCode.includes('F0002') ? [1.012, 1.02] : [1, 1]));
          add('presale2', 'presale', '房产预测', 610, { ...withTotal(predicted), areaPrecisionClass: 2 }, { supersedesKey: 'presale' });
        }
        add('verify', 'planning', '规划核实', 1180, { features: footprints });
        const actual = scaled(predicted, (_u, k) => {
          const d = flag[k] ?? (rand() - 0.5) * 0.03;
          return [1 + d, 1 + d];
        });
        if (event === 'reject-completion') {
          add('actual0', 'completion', '房产实测', 1205, withTotal(scaled(actual, () => [1, 1.25])), { decision: 'reject', note: NOTES.completion });
        }
        const acceptedOn = addDays(t0, 1265);
        const acceptance = acceptedOn <= today ? { completionAcceptanceNo: `焦竣联验(${year(acceptedOn)})${String(101 + i)}号`, completionAcceptanceDate: acceptedOn } : {};
        add('actual', 'completion', '房产实测', 1250, { ...withTotal(actual), areaPrecisionClass: 2, ...acceptance });
        if (i % 3 === 0) add('asbuilt', 'completion', '竣工测量', 1262, land);
      }
    }
  });

  // Lineage (宗地沿革) in 山阳区, north-west of the block: one parcel split in two, two parcels merged into one.
  const lineage: DemoLineage[] = [];
  const lineageSlot = (code: string, street: string, x0: number, y0: number, w: number, h: number, surveyedOn: string, extra: Partial<SurveySubmission> = {}) => {
    if (!parcels.some((p) => p.parcelCode === code)) parcels.push({ parcelCode: code, location: `焦作市山阳区${street}`, landUse: '住宅用地', rightType: '国有建设用地使用权' });
    const boundary = feature('410811', [[SHAPES.R[0]]], x0, y0, w, h, true);
    drafts.push({ key: `lineage:${code}:${surveyedOn}`, s: { stage: 'land_supply', kind: '权籍调查', parcelCode: code, organisation: ORGS[1], surveyedOn, crs: CRS, precisionClass: 1, features: collection([boundary]), declaredAreaM2: r2(featureArea(boundary)), ...extra } });
  };
  const L = (n: number) => `410811005008GB${String(160 + n).padStart(5, '0')}`;
  const supply = (no: string, date: string) => ({ supplyDocumentKind: '出让合同', supplyDocumentNo: no, supplyDocumentDate: date });
  lineageSlot(L(1), '丰收路西段1号', -700, 200, 120, 80, '2020-03-10', supply('焦土出让(2020)031号', '2020-04-02'));
  lineageSlot(L(2), '丰收路西段1号东院', -700, 200, 60, 80, '2024-05-10', { predecessorCodes: [L(1)] });
  lineageSlot(L(3), '丰收路西段1号西院', -640, 200, 60, 80, '2024-05-10', { predecessorCodes: [L(1)] });
  lineageSlot(L(4), '丰收路西段5号', -700, 50, 50, 60, '2020-04-10', supply('焦土出让(2020)044号', '2020-05-06'));
  lineageSlot(L(5), '丰收路西段7号', -650, 50, 50, 60, '2020-04-11', supply('焦土出让(2020)045号', '2020-05-06'));
  lineageSlot(L(6), '丰收路西段5-7号', -700, 50, 100, 60, '2024-06-01', { predecessorCodes: [L(4), L(5)] });
  if ('2024-05-10' <= today) lineage.push({ kind: 'split', predecessors: [L(1)], successors: [L(2), L(3)], changeNo: '焦不动产变更(2024)15号' });
  if ('2024-06-01' <= today) lineage.push({ kind: 'merge', predecessors: [L(4), L(5)], successors: [L(6)], changeNo: '焦不动产变更(2024)21号' });

  // Packets a registrar asked for: one per decision value (reuse, awaiting_review, new_survey_required).
  const byProfile = (p: Profile, use?: Use) => parcels[ROWS.findIndex(([, u, profile]) => profile === p && (!use || u === use))].parcelCode;
  const packets: DemoPacket[] = [
    { parcelCode: byProfile('H'), registrationType: '房屋所有权首次登记', applicationNo: 'JZ2025-000101', purpose: '房屋所有权首次登记审核' },
    { parcelCode: byProfile('N', 'S'), registrationType: '国有建设用地使用权首次登记', applicationNo: 'JZ2025-000102', purpose: '国有建设用地使用权首次登记审核' },
    { parcelCode: byProfile('L', 'I'), registrationType: '房屋所有权首次登记', applicationNo: 'JZ2025-000103', purpose: '房屋所有权首次登记审核' },
    { parcelCode: byProfile('O'), registrationType: '房屋所有权首次登记', applicationNo: 'JZ2025-000104', purpose: '房屋所有权首次登记审核（历史成果）' },
    ...(lineage.length ? [{ parcelCode: L(2), registrationType: '变更登记' as const, changeKind: '分割' as const, applicationNo: 'JZ2025-000105', purpose: '分割变更登记审核' }] : []),
  ];

  // Chronological order, only what has happened by today; supersedes point at earlier steps as '$step:<index>'.
  const happened = new Set(drafts.filter((d) => d.s.surveyedOn <= today).map((d) => d.key));
  const kept = drafts.map((d, order) => ({ d, order }))
    .filter(({ d }) => happened.has(d.key) && (!d.supersedesKey || happened.has(d.supersedesKey)))
    .sort((a, b) => a.d.s.surveyedOn.localeCompare(b.d.s.surveyedOn) || a.order - b.order).map(({ d }) => d);
  const index = new Map(kept.map((d, k) => [d.key, k]));
  const targets = new Set(kept.map((d) => d.supersedesKey).filter(Boolean));
  const steps: DemoStep[] = [];
  kept.forEach((d, k) => {
    const submission = d.supersedesKey ? { ...d.s, supersedes: `$step:${index.get(d.supersedesKey)}` } : d.s;
    const decision = d.decision ?? (d.s.surveyedOn >= QUEUE_FROM && !targets.has(d.key) ? 'none' : 'accept');
    const reviewer = REVIEWERS[k % REVIEWERS.length];
    steps.push(decision === 'none' ? { submission } : { submission, review: { decision, reviewer, ...(d.note ? { note: d.note } : {}) } });
  });
  return { parcels, units, steps, lineage, packets };
}
