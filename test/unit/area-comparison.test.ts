// 预测 vs 实测 unit areas: 面积误差比 and its 3 % rule (DOMAIN.md §6), the 限差 (§5), totals, worked by hand.
import { compareUnitAreaLists, compareUnitAreas, ratioText, totals, type UnitArea } from '../../server/domain/area-comparison';

const PARCEL = '410802003012GB00025';
const unit = (building: number, no: number, buildingAreaM2: number, innerAreaM2?: number, sharedAreaM2?: number): UnitArea => ({
  unitCode: `${PARCEL}F${String(building).padStart(4, '0')}${String(no).padStart(4, '0')}`,
  buildingAreaM2, innerAreaM2, sharedAreaM2,
});

describe('compareUnitAreas: 面积误差比 of 建筑面积', () => {
  const ratio = (verified: number) => compareUnitAreas(unit(3, 1, 100), unit(3, 1, verified), 2).building;

  it('flags 100.00 → 103.50 m² as +3.50 %: the buyer may cancel, the developer bears the part above +3 %', () => {
    const b = ratio(103.5);
    expect(b.differenceM2).toBeCloseTo(3.5, 9);
    expect(b.ratioPercent).toBeCloseTo(3.5, 9);
    expect(b.ratioText).toBe('+3.50 %');
    expect(b.flagged).toBe(true);
    expect(b.consequence?.en).toContain('borne by the developer');
    expect(b.consequence?.zh).toContain('由房地产开发企业承担');
  });

  it('settles 100.00 → 102.90 m² (+2.90 %) on the actual area', () => {
    const b = ratio(102.9);
    expect(b.ratioText).toBe('+2.90 %');
    expect(b.flagged).toBe(false);
    expect(b.consequence?.en).toBe('Within ±3 % (inclusive): the price is settled on the actual (verified) area.');
  });

  it('does not flag exactly +3.00 % (100.00 → 103.00 m²): 3 % is inclusive', () => {
    const b = ratio(103);
    expect(b.ratioText).toBe('+3.00 %');
    expect(b.flagged).toBe(false);
  });

  it('shows a flagged +3.0011 % (100.00 → 103.0011 m²) as +3.001 %, never as the +3.00 % of the threshold', () => {
    const b = ratio(103.0011);
    expect(b.flagged).toBe(true);
    expect(b.ratioText).toBe('+3.001 %');
    expect(ratio(100 - 3.0004).ratioText).toBe('−3.0004 %');
  });

  it('flags 100.00 → 96.90 m² as −3.10 %: the part beyond 3 % is refunded twice', () => {
    const b = ratio(96.9);
    expect(b.ratioPercent).toBeCloseTo(-3.1, 9); // full precision kept, rounded only in the text
    expect(b.ratioText).toBe('−3.10 %');
    expect(b.flagged).toBe(true);
    expect(b.consequence?.en).toContain('twice');
    expect(b.consequence?.zh).toContain('双倍返还');
  });

  it('does not flag exactly −3.00 % either', () => {
    expect(ratio(97).flagged).toBe(false);
  });
});

describe('compareUnitAreas: 限差 on the contract (预测) area', () => {
  // 二级, S = 100 m²: m_S = 0.02·√100 + 0.001·100 = 0.2 + 0.1 = 0.30 m², 限差 = 2·0.30 = 0.60 m²
  it('takes a 0.50 m² difference as measurement noise and 0.70 m² as a real change', () => {
    const noise = compareUnitAreas(unit(3, 1, 100), unit(3, 1, 100.5), 2).building;
    expect(noise.limitM2).toBeCloseTo(0.6, 12);
    expect(noise.beyondLimit).toBe(false);
    expect(compareUnitAreas(unit(3, 1, 100), unit(3, 1, 99.3), 2).building.beyondLimit).toBe(true);
  });

  it('judges 套内建筑面积 too, with its own ratio and 限差, and 分摊面积 only as a difference', () => {
    // 套内 80.00 → 82.80: +3.50 %; 限差 on S = 80 (二级): 2·(0.02·√80 + 0.08) = 0.5178 m²
    const c = compareUnitAreas(unit(3, 1, 100, 80, 20), unit(3, 1, 102, 82.8, 19.2), 2);
    expect(c.inner.ratioText).toBe('+3.50 %');
    expect(c.inner.flagged).toBe(true);
    expect(c.inner.limitM2).toBeCloseTo(2 * (0.02 * Math.sqrt(80) + 0.08), 12);
    expect(c.building.flagged).toBe(false);
    expect(c.shared.differenceM2).toBeCloseTo(-0.8, 9);
    expect(c.shared.ratioPercent).toBeNull();
    expect(c.shared.beyondLimit).toBeNull();
  });
});

describe('compareUnitAreas: a unit on one side only', () => {
  it('reports a unit with only a pre-sale area, with no difference', () => {
    const c = compareUnitAreas(unit(3, 2, 88.5), undefined, 2);
    expect(c.missing).toBe('verified');
    expect(c.building).toMatchObject({ presaleM2: 88.5, verifiedM2: null, differenceM2: null, ratioPercent: null, flagged: false });
  });

  it('reports a unit with only a verified area', () => {
    const c = compareUnitAreas(undefined, unit(3, 2, 90.1), 2);
    expect(c.missing).toBe('presale');
    expect(c.building.verifiedM2).toBe(90.1);
  });

  it('keeps both kinds in a list comparison, pre-sale order first', () => {
    const list = compareUnitAreaLists([unit(3, 1, 100), unit(3, 2, 90)], [unit(3, 1, 101), unit(3, 3, 70)], 2);
    expect(list.map((c) => [c.unitCode.slice(-4), c.missing])).toEqual([['0001', null], ['0002', 'verified'], ['0003', 'presale']]);
  });

  it('refuses to compare two different units', () => {
    expect(() => compareUnitAreas(unit(3, 1, 100), unit(3, 2, 100), 2)).toThrow(/0001.*0002/);
  });
});

describe('totals per building and parcel', () => {
  // 幢 0003: 100 + 90 = 190 → 103.5 + 90.6 = 194.1 (+4.1 m², +2.1579 %); 幢 0004: 120 + 50 = 170 → 118.8, the 50 m²
  // unit not yet verified; parcel: 360 → 312.9 (−47.1 m²)
  const comparisons = compareUnitAreaLists(
    [unit(3, 1, 100, 80, 20), unit(3, 2, 90, 72, 18), unit(4, 1, 120, 96, 24), unit(4, 2, 50, 40, 10)],
    [unit(3, 1, 103.5, 82.8, 20.7), unit(3, 2, 90.6, 72.5, 18.1), unit(4, 1, 118.8, 95, 23.8)],
    2,
  );
  const { buildings, parcels } = totals(comparisons);

  it('sums each building by its 自然幢号 (chars 21–24)', () => {
    expect(buildings.map((b) => [b.parcelCode, b.buildingNo, b.units])).toEqual([[PARCEL, '0003', 2], [PARCEL, '0004', 2]]);
    const [b3, b4] = buildings;
    expect(b3.building.presaleM2).toBeCloseTo(190, 9);
    expect(b3.building.verifiedM2).toBeCloseTo(194.1, 9);
    expect(b3.building.ratioPercent).toBeCloseTo((4.1 / 190) * 100, 9);
    expect(b3.building.ratioText).toBe('+2.16 %');
    expect(b3.inner.verifiedM2).toBeCloseTo(155.3, 9); // 82.8 + 72.5
    expect(b3.shared.presaleM2).toBeCloseTo(38, 9);
    // 幢 0004 pre-sale 120 + 50 = 170 against verified 118.8: the unsurveyed unit is named, not hidden
    expect(b4.presaleOnly).toEqual([`${PARCEL}F00040002`]);
    expect(b4.building).toMatchObject({ presaleUnits: 2, verifiedUnits: 1 });
    expect(b4.building.presaleM2).toBeCloseTo(170, 9);
    expect(b4.building.differenceM2).toBeCloseTo(-51.2, 9);
  });

  it('sums the parcel by its 宗地代码 (chars 1–19)', () => {
    expect(parcels).toHaveLength(1);
    const p = parcels[0];
    expect(p.parcelCode).toBe(PARCEL);
    expect(p.buildingNo).toBeUndefined();
    expect(p.units).toBe(4);
    expect(p.building.presaleM2).toBeCloseTo(360, 9);
    expect(p.building.verifiedM2).toBeCloseTo(312.9, 9);
    expect(p.building.ratioPercent).toBeCloseTo((-47.1 / 360) * 100, 9);
    expect(p.presaleOnly).toHaveLength(1);
  });

  it('keeps parcels apart', () => {
    const other = { ...unit(3, 1, 60), unitCode: '410802003012GB00026F00030001' };
    expect(totals([...comparisons, compareUnitAreas(other, other, 2)]).parcels.map((p) => p.parcelCode)).toEqual([PARCEL, '410802003012GB00026']);
  });
});

it('writes ratios with a sign and two decimals, and no sign for zero', () => {
  expect([3.5, -3.1, 0, -0.001, 2.999999].map(ratioText)).toEqual(['+3.50 %', '−3.10 %', '0.00 %', '0.00 %', '+3.00 %']);
});
