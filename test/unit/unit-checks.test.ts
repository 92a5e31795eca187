// Plausibility of per-unit areas (房产面积): what a surveyor reads when a unit's areas cannot all be right.
import { checkMetadata, checkUnits, type KindRule } from '../../server/domain/survey-submission';
import { checkDeclaredBuildingArea, checkUnitAreas } from '../../server/quality/unit.checks';

const PARCEL = '410802003012GB00025';
const FLAT = `${PARCEL}F00030001`;
const LAND_ONLY = `${PARCEL}W00000000`;

describe('one unit', () => {
  it('refuses 套内建筑面积 80.5 m² larger than 建筑面积 80 m², naming the unit, and suggesting they were swapped', () => {
    const [f, ...rest] = checkUnitAreas({ unitCode: FLAT, buildingAreaM2: 80, innerAreaM2: 80.5 }, 0);
    expect(rest).toEqual([]);
    expect(f.code).toBe('UNIT_INNER_AREA_EXCEEDS_BUILDING_AREA');
    expect(f.message).toBe(`units[0] (${FLAT}): 套内建筑面积 80.50 m² is larger than 建筑面积 80.00 m²; 建筑面积 is 套内建筑面积 plus 分摊面积 and cannot be smaller — check whether the two were swapped`);
    expect(f.messageZh).toContain(`第1个单元（${FLAT}）：套内建筑面积80.50平方米大于建筑面积80.00平方米`);
    expect(f.details).toMatchObject({ index: 0, unitCode: FLAT, innerAreaM2: 80.5, buildingAreaM2: 80 });
  });

  it('accepts 套内建筑面积 equal to 建筑面积 (a unit without shared area)', () => {
    expect(checkUnitAreas({ unitCode: FLAT, buildingAreaM2: 80, innerAreaM2: 80, sharedAreaM2: 0 }, 0)).toEqual([]);
  });

  it('refuses a building area on the land-only unit W00000000: it has no building', () => {
    const [f] = checkUnitAreas({ unitCode: LAND_ONLY, buildingAreaM2: 120 }, 2);
    expect(f.code).toBe('UNIT_LAND_ONLY_HAS_BUILDING_AREA');
    expect(f.message).toMatch(new RegExp(`^units\\[2\\] \\(${LAND_ONLY}\\): a land-only unit \\(定着物 W, no building\\) has no 建筑面积, but 120.00 m² is given`));
    expect(f.messageZh).toContain('无定着物的土地单元（定着物代码W）没有建筑面积');
  });

  it('still refuses 建筑面积 ≠ 套内 + 分摊 beyond 0.015 m², and takes 80.00 = 64.99 + 15.01 as equal', () => {
    expect(checkUnitAreas({ unitCode: FLAT, buildingAreaM2: 80, innerAreaM2: 64.99, sharedAreaM2: 15.01 }, 0)).toEqual([]);
    expect(checkUnitAreas({ unitCode: FLAT, buildingAreaM2: 80, innerAreaM2: 64.99, sharedAreaM2: 15.03 }, 0).map((f) => f.code)).toEqual(['UNIT_AREAS_INCONSISTENT']);
  });

  it('turns the first unit problem into the problem of the submission, with the Chinese message in its details', () => {
    const problem = checkUnits(PARCEL, [{ unitCode: FLAT, buildingAreaM2: 80, innerAreaM2: 90 }]);
    expect(problem).toMatchObject({ code: 'UNIT_INNER_AREA_EXCEEDS_BUILDING_AREA', details: { index: 0, unitCode: FLAT, messageZh: expect.stringContaining('套内建筑面积90.00平方米大于建筑面积80.00平方米') } });
  });
});

describe('the declared total 建筑面积', () => {
  const units = [{ unitCode: FLAT, buildingAreaM2: 60 }, { unitCode: `${PARCEL}F00030002`, buildingAreaM2: 40 }];

  it('refuses 5 000 m² declared for units summing to 100 m², beyond the 二级 限差 of 2·(0.02·√100 + 0.001·100) = 0.60 m²', () => {
    const [f] = checkDeclaredBuildingArea(units, 5000, 2);
    expect(f.code).toBe('BUILDING_AREA_DIFFERS_FROM_UNITS');
    expect(f.details).toMatchObject({ declaredBuildingAreaM2: 5000, unitsSumM2: 100, differenceM2: 4900, areaPrecisionClass: 2 });
    expect((f.details as { limitM2: number }).limitM2).toBeCloseTo(0.6, 12);
    expect(f.message).toBe('declaredBuildingAreaM2 5000.00 m² differs from the sum of the 2 units\' 建筑面积, 100.00 m², by 4900.00 m², beyond the 二级 限差 of ±0.60 m² (GB/T 17986.1, 房产面积 precision class 2); correct the total or the units');
    expect(f.messageZh).toContain('申报总建筑面积5000.00平方米与2个单元建筑面积之和100.00平方米相差4900.00平方米，超过二级限差±0.60平方米');
  });

  it('accepts 100.60 m² (exactly the 二级 限差) and refuses 100.61 m²', () => {
    expect(checkDeclaredBuildingArea(units, 100.6, 2)).toEqual([]);
    expect(checkDeclaredBuildingArea(units, 100.61, 2).map((f) => f.code)).toEqual(['BUILDING_AREA_DIFFERS_FROM_UNITS']);
  });

  it('takes 10 008 m² declared against units of 10 000 m² at 一级 as within the 限差 of exactly 8.00 m²', () => {
    // 一级: 2·(0.01·√10000 + 0.0003·10000) = 2·(1 + 3) = 8 m²
    const big = [{ unitCode: FLAT, buildingAreaM2: 6000 }, { unitCode: `${PARCEL}F00030002`, buildingAreaM2: 4000 }];
    expect(checkDeclaredBuildingArea(big, 10_008, 1)).toEqual([]);
    expect(checkDeclaredBuildingArea(big, 10_008.01, 1)[0].message).toContain('by 8.01 m², beyond the 一级 限差 of ±8.00 m²');
  });

  it('has nothing to say without a declared total or without units', () => {
    expect(checkDeclaredBuildingArea(units, undefined, 2)).toEqual([]);
    expect(checkDeclaredBuildingArea([], 5000, 2)).toEqual([]);
  });

  it('is a problem of the submission at the class it gives (areaPrecisionClass), 二级 by default', () => {
    const kinds: KindRule[] = [{ code: '房产预测', stages: ['presale'], geometryRole: 'building_footprint', officialLandArea: false, family: 'presale', geometryRequired: false }];
    const submission = { stage: 'presale' as const, kind: '房产预测', parcelCode: PARCEL, units, declaredBuildingAreaM2: 101 };
    const byDefault = checkMetadata(submission, kinds, '2026-01-01', false);
    expect(byDefault).toMatchObject({ ok: false, problem: { code: 'BUILDING_AREA_DIFFERS_FROM_UNITS' } });
    // 三级: 2·(0.04·10 + 0.003·100) = 1.40 m² ≥ 1 m²
    expect(checkMetadata({ ...submission, areaPrecisionClass: 3 }, kinds, '2026-01-01', false).ok).toBe(true);
  });
});
