// The quality report (质检报告) one finding at a time: what a surveyor reads for each kind of mistake in a delivery.
import type { Delivery, Finding } from '../../server/formats/delivery';
import { readGeoJsonObject } from '../../server/formats/geojson.format';
import { checkDelivery, type QualityContext } from '../../server/quality/quality-report';

/** A 解放区 (410802) parcel: the DOMAIN.md §7 sample plot lies there, so the county check passes. */
const PARCEL = '410802003012GB00025';

type Position = [number, number];
/** GeoJSON position [Y (easting), X (northing)] in EPSG:4526, dE east and dN north of the sample's J1 (X 3899300, Y 38430800). */
const at = (dE: number, dN: number): Position => [38430800 + dE, 3899300 + dN];
/** A ring closed by repeating its first position, as GeoJSON wants it. */
const ring = (...positions: Position[]): Position[] => [...positions, positions[0]];

/** The DOMAIN.md §7 sample: 60 m × 40 m (J1–J4) minus a 10 m × 10 m hole (J5–J8), 2300 m². */
const OUTER = [at(0, 0), at(60, 0), at(60, -40), at(0, -40)];
const HOLE = [at(10, -10), at(20, -10), at(20, -20), at(10, -20)];

/** One Polygon feature in EPSG:4526, read as the hub reads an uploaded GeoJSON file. */
function delivery(rings: Position[][], properties: Record<string, unknown> = {}): Delivery {
  const doc = {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'EPSG:4526' } },
    features: [{ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: rings } }],
  };
  const read = readGeoJsonObject(doc, 'plot.geojson');
  if (!read.ok) throw new Error(read.findings.map((f) => f.message).join('\n'));
  return read.delivery;
}

/** The quality findings of that feature: 一级, not an official area, for the 解放区 parcel unless `ctx` says otherwise. */
function check(rings: Position[][], properties: Record<string, unknown> = {}, ctx: Partial<QualityContext> = {}): Finding[] {
  return checkDelivery(delivery(rings, properties), { precisionClass: 1, officialArea: false, parcelCode: PARCEL, ...ctx });
}

/** The single finding of a check; the failure lists every finding when there are more. */
function only(findings: Finding[]): Finding {
  expect(findings).toHaveLength(1);
  return findings[0];
}

it('has nothing to say about the clean sample plot: closed rings, J1–J8, 2300 m² declared, its own 宗地代码', () => {
  const findings = check([ring(...OUTER), ring(...HOLE)], { declaredAreaM2: 2300, 宗地代码: PARCEL, pointNumbers: [['J1', 'J2', 'J3', 'J4'], ['J5', 'J6', 'J7', 'J8']] });
  expect(findings).toEqual([]);
});

describe('rings', () => {
  it('names J4 where a ring stops without returning to its first point J1', () => {
    const f = only(check([OUTER]));
    expect(f).toMatchObject({ code: 'RING_NOT_CLOSED', severity: 'error', file: 'plot.geojson', plot: '1', ring: 1, point: 'J4', x: 3899260, y: 38430800 });
    expect(f.message).toContain('the ring is not closed: it ends at J4 (X 3899260.000, Y 38430800.000)');
    expect(f.message).toContain('repeating its first point J1 (X 3899300.000, Y 38430800.000)');
    expect(f.messageZh).toContain('圈未闭合：结束于J4');
    expect(f.messageZh).toContain('请补充闭合点');
  });

  it('refuses a ring of two distinct points, saying a ring needs at least three', () => {
    const f = only(check([ring(at(0, 0), at(60, 0))]));
    expect(f).toMatchObject({ code: 'RING_TOO_FEW_POINTS', severity: 'error', plot: '1', ring: 1, point: 'J1' });
    expect(f.message).toContain('the ring has 2 distinct point(s); a ring needs at least three');
    expect(f.messageZh).toContain('该圈只有2个不同的点，至少需要3个');
  });

  it('warns that J3 repeats the point before it, J2, and asks to remove the repetition', () => {
    const f = only(check([ring(at(0, 0), at(60, 0), at(60, 0), at(60, -40), at(0, -40))]));
    expect(f).toMatchObject({ code: 'POINT_REPEATED_CONSECUTIVE', severity: 'warning', ring: 1, point: 'J3', x: 3899300, y: 38430860 });
    expect(f.message).toContain('point J3 repeats the point before it (J2) at X 3899300.000, Y 38430860.000');
    expect(f.messageZh).toContain('点J3与前一点J2重复');
  });

  it('warns that a 5 cm segment J2–J3 is shorter than the 10 cm 允许误差 of 一级', () => {
    const f = only(check([ring(at(0, 0), at(30, 0), at(30.05, 0), at(60, 0), at(60, -40), at(0, -40))]));
    expect(f).toMatchObject({ code: 'SEGMENT_TOO_SHORT', severity: 'warning', ring: 1, point: 'J3', x: 3899300, y: 38430830.05 });
    expect(f.message).toContain('the segment J2–J3 is 0.050 m long, shorter than the 0.1 m tolerance');
    expect(f.messageZh).toContain('边J2–J3长0.050米，小于该精度等级的允许误差0.1米');
  });

  it('calls J3 a spike where the boundary runs 40 m out and turns back at 0.286°', () => {
    const f = only(check([ring(at(0, 0), at(30, 0), at(30.1, 40), at(30.2, 0), at(60, 0), at(60, -40), at(0, -40))]));
    expect(f).toMatchObject({ code: 'SPIKE', severity: 'error', ring: 1, point: 'J3', x: 3899340, y: 38430830.1 });
    expect(f.message).toContain('the boundary turns back at J3 with an angle of 0.286° (a spike)');
    expect(f.messageZh).toContain('界址线在J3处折返，夹角0.286°（毛刺）');
  });

  it('places the crossing of a bow-tie ring at X 3899280, Y 38430830', () => {
    const f = only(check([ring(at(0, 0), at(60, -40), at(60, 0), at(0, -40))]));
    expect(f).toMatchObject({ code: 'SELF_INTERSECTION', severity: 'error', plot: '1', ring: 1, x: 3899280, y: 38430830 });
    expect(f.message).toContain('Self-intersection at X 3899280.000, Y 38430830.000');
    expect(f.messageZh).toContain('界址线自相交，位置 X 3899280.000，Y 38430830.000');
  });

  it('names ring 2 and its point J5 when the hole lies outside the outer ring', () => {
    const f = only(check([ring(...OUTER), ring(at(70, -10), at(80, -10), at(80, -20), at(70, -20))]));
    expect(f).toMatchObject({ code: 'HOLE_OUTSIDE_SHELL', severity: 'error', ring: 2, point: 'J5', x: 3899290, y: 38430870 });
    expect(f.message).toContain('Hole lies outside shell at X 3899290.000, Y 38430870.000 (nearest point J5)');
    expect(f.messageZh).toContain('内圈（扣除部分）位于外圈之外');
  });
});

describe('point numbers', () => {
  it('names 点号 J2 when it is given to two positions', () => {
    const f = only(check([ring(...OUTER)], { pointNumbers: [['J1', 'J2', 'J3', 'J2']] }));
    expect(f).toMatchObject({ code: 'POINT_NUMBER_REPEATED', severity: 'error', ring: 1, point: 'J2', x: 3899260, y: 38430800 });
    expect(f.message).toContain('point number J2 is used twice for different positions: X 3899300.000, Y 38430860.000');
    expect(f.message).toContain('X 3899260.000, Y 38430800.000');
    expect(f.messageZh).toContain('点号J2用于两个不同位置');
  });
});

describe('positions', () => {
  it('says X and Y look swapped for every point and offers the corrected reading', () => {
    const swapped = OUTER.map(([y, x]): Position => [x, y]);
    const f = only(check([ring(...swapped)]));
    expect(f).toMatchObject({ code: 'COORDINATES_SWAPPED', severity: 'error', ring: 1, point: 'J1', x: 38430800, y: 3899300 });
    expect(f.message).toContain('look swapped');
    expect(f.message).toContain('for every point of the plot; the corrected reading is X 3899300.000, Y 38430800.000');
    expect(f.messageZh).toContain('疑似颠倒');
    expect(f.messageZh).toContain('更正后应为 X 3899300.000，Y 38430800.000');
    expect(f.suggestion).toEqual({
      points: OUTER.map(([y, x], i) => ({ ring: 1, pointNo: `J${i + 1}`, x, y })),
    });
  });

  it('says X and Y look swapped when the X column holds the easting without its zone number, offering Y with the prefix 38', () => {
    // EPSG:4526 positions [Y, X] written as [northing, unprefixed easting]: 3 899 300 is no zone-38 easting, 430 800 is one without 38
    const swapped = OUTER.map(([y, x]): Position => [x, y - 38_000_000]);
    const f = only(check([ring(...swapped)]));
    expect(f).toMatchObject({ code: 'COORDINATES_SWAPPED', severity: 'error', point: 'J1', x: 430800, y: 3899300 });
    expect(f.message).toContain('the corrected reading is X 3899300.000, Y 38430800.000');
    expect(f.messageZh).toContain('更正后应为 X 3899300.000，Y 38430800.000');
    expect(f.suggestion).toEqual({ points: OUTER.map(([y, x], i) => ({ ring: 1, pointNo: `J${i + 1}`, x, y })) });
  });

  it('says an easting written without the zone number 38 is outside zone 38 of EPSG:4526', () => {
    const f = only(check([ring(...OUTER.map(([y, x]): Position => [y - 38_000_000, x]))]));
    expect(f).toMatchObject({ code: 'EASTING_OUTSIDE_ZONE', severity: 'error', point: 'J1', y: 430800 });
    expect(f.message).toContain('the easting Y 430800.000 is outside 3° zone 38 of EPSG:4526 (expected 38150000–38850000)');
    expect(f.messageZh).toContain('东坐标 Y 430800.000 不在EPSG:4526（3度带第38带）范围内');
  });

  it('names J3 whose easting carries zone prefix 39 in a zone-38 file', () => {
    const f = only(check([ring(at(0, 0), at(60, 0), [39430860, 3899260], at(0, -40))]));
    expect(f).toMatchObject({ code: 'ZONE_PREFIX_MISMATCH', severity: 'error', point: 'J3', x: 3899260, y: 39430860 });
    expect(f.message).toContain('the easting Y 39430860.000 carries zone prefix 39, but the file is in 3° zone 38 (EPSG:4526)');
    expect(f.messageZh).toContain('带号前缀为39，但文件为3度带第38带');
  });

  it('names J3 whose northing lies beyond China', () => {
    const f = only(check([ring(at(0, 0), at(60, 0), at(60, 3_000_000), at(0, -40))]));
    expect(f).toMatchObject({ code: 'NORTHING_OUTSIDE_CHINA', severity: 'error', point: 'J3', x: 6899300 });
    expect(f.message).toContain('the northing X 6899300.000 is outside China');
    expect(f.messageZh).toContain('北坐标 X 6899300.000 超出我国范围');
  });
});

describe('parcel and county', () => {
  it('refuses a 宗地代码 in the file that differs from the parcel submitted for', () => {
    const f = only(check([ring(...OUTER)], { 宗地代码: '410802003012GB00026' }));
    expect(f).toMatchObject({ code: 'PARCEL_CODE_MISMATCH', severity: 'error', plot: '1' });
    expect(f.message).toContain('the file gives 宗地代码 410802003012GB00026 for this plot, but the submission is for 410802003012GB00025');
    expect(f.messageZh).toContain('宗地代码为410802003012GB00026，与提交的410802003012GB00025不一致');
  });

  it('says the sample plot lies in 解放区, 40-odd km outside 孟州 of a 410883 code', () => {
    const f = only(check([ring(...OUTER)], {}, { parcelCode: '410883001004GB90001' }));
    expect(f).toMatchObject({ code: 'COORDINATES_OUTSIDE_COUNTY', severity: 'error', plot: '1', ring: 1 });
    expect(f.suggestion).toMatchObject({ county: '410883', actualCounty: '410802' });
    // 孟州 lies west of 解放区: the eastern corners are the farthest out.
    expect(['J2', 'J3']).toContain(f.point);
    expect(f.message).toMatch(/is \d+\.\d km outside 孟州市 410883, the county of the 宗地代码 \(4 points of the plot are outside\); it lies in 解放区 410802/);
    expect(f.messageZh).toContain('实际位于解放区 410802');
  });
});

describe('areas', () => {
  /** A 100 m × 100 m square: 10 000 m² by hand. */
  const SQUARE = [ring(at(0, 0), at(100, 0), at(100, -100), at(0, -100))];

  it.each([1, 2, 3] as const)('at class %i refuses 10 050 m² declared for a 100 m × 100 m parcel (the building formula tolerated 68 m² at 三级)', (cls) => {
    // GB/T 17986.1 三级 would allow 2·(0.04·√10000 + 0.003·10000) = 68 m²; a land area agrees only to its rounding: ±0.5 m² for "10050".
    const f = only(check(SQUARE, { declaredAreaM2: 10050 }, { precisionClass: cls }));
    expect(f).toMatchObject({ code: 'AREA_DIFFERS_FROM_COORDINATES', severity: 'error', plot: '1' });
    expect(f.suggestion).toEqual({ declaredM2: 10050, declaredText: '10050', computedM2: 10000, differenceM2: 50, limitM2: 0.5 });
  });

  it('accepts a declared area within the rounding of its last written digit and refuses one beyond it', () => {
    // "2400.00"-style m² with 2 decimals: ±0.005 m²; "2400" (no decimals): ±0.5 m²; "2400.4": ±0.05 m².
    const plot = [ring(...OUTER)];
    for (const declared of ['2400.00', '2400.005', '2399.995', '2400', '2400.4']) {
      const findings = check(plot, { declaredAreaM2: declared });
      expect({ declared, findings }).toEqual({ declared, findings: declared === '2400.4' ? [expect.objectContaining({ code: 'AREA_DIFFERS_FROM_COORDINATES' })] : [] });
    }
    const f = only(check(plot, { declaredAreaM2: '2400.01' }));
    expect(f.suggestion).toMatchObject({ declaredText: '2400.01', limitM2: 0.005 });
    expect(f.message).toContain('the declared area 2400.01 m² differs from the plane area of the coordinates, 2400.00 m², by 0.010 m²');
    expect(f.message).toContain('to the rounding of how it is written, ±0.005 m² for 2400.01 m² (half a unit of its last digit');
    expect(f.messageZh).toContain('申报面积2400.01平方米与坐标计算的平面面积2400.00平方米相差0.010平方米');
    expect(f.messageZh).toContain('应在其书写位数的舍入范围内一致，2400.01平方米为±0.005平方米');
  });

  it('takes the shortest decimal text of a JSON number: 2400.3 is judged to ±0.05 m², 2401 to ±0.5 m²', () => {
    expect(only(check([ring(...OUTER)], { declaredAreaM2: 2400.3 })).suggestion).toMatchObject({ declaredText: '2400.3', limitM2: 0.05 });
    expect(only(check([ring(...OUTER)], { declaredAreaM2: 2401 })).suggestion).toMatchObject({ declaredText: '2401', limitM2: 0.5, differenceM2: 1 });
  });

  it('reports the same difference only as a warning when the area is the supply document\'s (R3)', () => {
    const f = only(check([ring(...OUTER)], { declaredAreaM2: 2406.77 }, { precisionClass: 2, officialArea: true }));
    expect(f).toMatchObject({ code: 'AREA_DIFFERS_FROM_COORDINATES', severity: 'warning', plot: '1' });
    expect(f.message).toContain('by 6.77 m²');
    expect(f.message).toContain('the supply document\'s area stays the registered area (R3)');
    expect(f.messageZh).toContain('登记面积仍以供地文件面积为准（R3）');
  });

  it('names 0.23 declared in m² as the 2300 m² of the sample written in 公顷', () => {
    const f = only(check([ring(...OUTER), ring(...HOLE)], { declaredAreaM2: 0.23 }));
    expect(f).toMatchObject({ code: 'AREA_UNIT_HECTARES_FOR_M2', severity: 'error', plot: '1' });
    expect(f.message).toContain('the area 0.23 is written as m² but matches the computed 2300.00 m² in 公顷; write 2300.00 m²');
    expect(f.messageZh).toContain('面积0.23标为平方米，但按公顷计与计算面积2300.00平方米一致');
  });
});

describe('the land area a submission declares for all its plots (declaredAreaM2)', () => {
  const SQUARE = [ring(at(0, 0), at(100, 0), at(100, -100), at(0, -100))];

  it('refuses 10 100 m² declared for a 100 m × 100 m square (10 000 m² by hand), naming declaredAreaM2', () => {
    const f = only(check(SQUARE, {}, { declaredAreaM2: 10100 }));
    expect(f).toMatchObject({ code: 'AREA_DIFFERS_FROM_COORDINATES', severity: 'error', file: 'plot.geojson' });
    expect(f.suggestion).toEqual({ declaredM2: 10100, declaredText: '10100', computedM2: 10000, differenceM2: 100, limitM2: 0.5 });
    expect(f.message).toContain('plot.geojson, column declaredAreaM2: the declared area 10100 m² differs from the plane area of the coordinates, 10000.00 m², by 100.00 m²');
    expect(f.messageZh).toContain('列“declaredAreaM2”：申报面积10100平方米与坐标计算的平面面积10000.00平方米相差100.00平方米');
  });

  it('accepts the declared 10 000 m², and warns only for a supply document (R3)', () => {
    expect(check(SQUARE, {}, { declaredAreaM2: 10000 })).toEqual([]);
    expect(only(check(SQUARE, {}, { declaredAreaM2: 10100, officialArea: true })).severity).toBe('warning');
  });

  it('adds up every plot: 2300 m² declared for the sample and a 100 m × 100 m square is 10 000 m² short', () => {
    const doc = {
      type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4526' } },
      features: [[[...OUTER.map(([e, n]): Position => [e - 200, n])].concat([[OUTER[0][0] - 200, OUTER[0][1]]]), ring(...HOLE.map(([e, n]): Position => [e - 200, n]))], SQUARE].map((rings) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } })),
    };
    const read = readGeoJsonObject(doc, 'two.geojson');
    if (!read.ok) throw new Error('unreadable');
    const f = only(checkDelivery(read.delivery, { precisionClass: 1, officialArea: false, parcelCode: PARCEL, declaredAreaM2: 2300 }));
    expect(f.suggestion).toMatchObject({ computedM2: 12300 });
    expect(f.message).toContain('the plane area of the coordinates (all 2 plots together), 12300.00 m²');
  });

  it('names 1 m² declared for the 10 000 m² square as 公顷 written in m²', () => {
    expect(only(check(SQUARE, {}, { declaredAreaM2: 1 })).code).toBe('AREA_UNIT_HECTARES_FOR_M2');
  });
});
