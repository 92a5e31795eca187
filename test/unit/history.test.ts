// The parcel's state on a given day (asOf, end of the day in China) and the periods each result was current.
import { endOfChinaDay, parcelHistory, parseCalendarDate, resultsAsOf } from '../../server/domain/history';
import { areasPerStage, currentBoundaryResult, isCurrent, type ResultSummary } from '../../server/domain/survey-result';

let n = 0;
/** An accepted land-supply boundary unless told otherwise; times are ISO instants as the store gives them. */
function result(overrides: Partial<ResultSummary> & { id: string }): ResultSummary {
  n += 1;
  return {
    parcelCode: '410883001001GB90001', stage: 'land_supply', kind: '权籍调查', geometryRole: 'parcel_boundary', officialLandArea: false,
    family: 'cadastral', unitAreaRole: 'none', areaPrecisionClass: null, supplyDocument: null, completionAcceptance: null, boundaryRole: null, boundaryOf: null,
    organisation: '焦作市测试测绘有限公司', surveyedOn: '2020-01-01', crs: 'EPSG:4526', precisionClass: 1, sourceFileName: null,
    sourceSha256: String(n).padStart(64, '0'), declaredAreaM2: 2300, declaredBuildingAreaM2: null, planeAreaM2: 2300, hasGeometry: true,
    units: { count: 0, buildingAreaM2: null, innerAreaM2: null, sharedAreaM2: null }, status: 'accepted', supersedes: null, supersededBy: null,
    submittedBy: 'tester', submittedAt: '2020-01-01T00:00:00.000Z', reviewer: 'reviewer', reviewedAt: '2020-01-02T00:00:00.000Z', reviewNote: null,
    ...overrides,
  };
}

describe('parseCalendarDate and endOfChinaDay', () => {
  it('accepts real calendar days only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-01T00:00', '', 'yesterday']) {
      expect([bad, parseCalendarDate(bad)]).toEqual([bad, undefined]);
    }
  });

  it('ends a day at 23:59:59.999 in China (UTC+8), i.e. 15:59:59.999 UTC', () => {
    expect(new Date(endOfChinaDay('2025-03-01')).toISOString()).toBe('2025-03-01T15:59:59.999Z');
    expect(new Date(endOfChinaDay('2024-12-31')).toISOString()).toBe('2024-12-31T15:59:59.999Z');
    expect(() => endOfChinaDay('2025-02-30')).toThrow(RangeError);
  });
});

describe('resultsAsOf', () => {
  it('counts an acceptance at 23:59:59.999 Beijing time for that day, and one at midnight for the next', () => {
    const late = result({ id: 'late', reviewedAt: '2025-03-01T15:59:59.999Z' });
    const midnight = result({ id: 'midnight', surveyedOn: '2021-01-01', reviewedAt: '2025-03-01T16:00:00.000Z' });
    const state = resultsAsOf([late, midnight], endOfChinaDay('2025-03-01'));
    expect(state.filter(isCurrent).map((r) => r.id)).toEqual(['late']);
    expect(state.find((r) => r.id === 'midnight')).toMatchObject({ status: 'submitted', reviewedAt: null, reviewer: null });
    expect(resultsAsOf([late, midnight], endOfChinaDay('2025-03-02')).filter(isCurrent).map((r) => r.id)).toEqual(['late', 'midnight']);
  });

  it('leaves out results not yet submitted, and shows a later rejection as still pending', () => {
    const rejected = result({ id: 'rejected', status: 'rejected', submittedAt: '2025-01-01T01:00:00.000Z', reviewedAt: '2025-06-01T01:00:00.000Z' });
    const future = result({ id: 'future', submittedAt: '2025-07-01T01:00:00.000Z', reviewedAt: '2025-07-02T01:00:00.000Z' });
    const state = resultsAsOf([rejected, future], endOfChinaDay('2025-03-01'));
    expect(state.map((r) => [r.id, r.status])).toEqual([['rejected', 'submitted']]);
    expect(resultsAsOf([rejected, future], endOfChinaDay('2000-01-01'))).toEqual([]);
  });

  it('treats a result as superseded only once the correction was accepted, and computes boundary and areas from that set', () => {
    const old = result({ id: 'old', declaredAreaM2: 2300, supersededBy: 'fix', reviewedAt: '2025-01-10T02:00:00.000Z' });
    const fix = result({ id: 'fix', surveyedOn: '2020-02-01', declaredAreaM2: 2299.5, supersedes: 'old', submittedAt: '2025-02-01T02:00:00.000Z', reviewedAt: '2025-04-01T02:00:00.000Z' });
    const before = resultsAsOf([old, fix], endOfChinaDay('2025-03-01'));
    expect(before.map((r) => [r.id, r.status, r.supersededBy])).toEqual([['old', 'accepted', null], ['fix', 'submitted', null]]);
    expect(currentBoundaryResult(before)?.id).toBe('old');
    expect(areasPerStage(before).land_supply?.declaredAreaM2).toBe(2300);
    const after = resultsAsOf([old, fix], endOfChinaDay('2025-04-01'));
    expect(currentBoundaryResult(after)?.id).toBe('fix');
    expect(areasPerStage(after).land_supply?.declaredAreaM2).toBe(2299.5);
    // the stored values themselves are untouched
    expect(old.supersededBy).toBe('fix');
  });

  it('keeps a supersession whose correcting result it cannot see (never claims more is reusable)', () => {
    const old = result({ id: 'old', supersededBy: 'unseen' });
    expect(resultsAsOf([old], endOfChinaDay('2030-01-01')).filter(isCurrent)).toEqual([]);
  });
});

describe('parcelHistory', () => {
  const t = (day: number) => `2025-01-${String(day).padStart(2, '0')}T02:00:00.000Z`;

  it('lists accepted results in order of acceptance, with when each was superseded', () => {
    const a = result({ id: 'a', surveyedOn: '2020-01-01', reviewedAt: t(5), supersededBy: 'c' });
    const b = result({ id: 'b', stage: 'presale', kind: '房产预测', geometryRole: 'building_footprint', hasGeometry: false, surveyedOn: '2022-01-01', reviewedAt: t(3), units: { count: 2, buildingAreaM2: 200, innerAreaM2: 160, sharedAreaM2: 40 } });
    const c = result({ id: 'c', surveyedOn: '2021-01-01', supersedes: 'a', reviewedAt: t(9) });
    const pending = result({ id: 'pending', status: 'submitted', reviewedAt: null, reviewer: null });
    const rejected = result({ id: 'rejected', status: 'rejected', reviewedAt: t(4) });
    const h = parcelHistory([a, b, c, pending, rejected]);
    expect(h.accepted.map((r) => [r.id, r.reviewedAt, r.supersededBy, r.supersededAt, r.current])).toEqual([
      ['b', t(3), null, null, true],
      ['a', t(5), 'c', t(9), false],
      ['c', t(9), null, null, true],
    ]);
    expect(h.accepted[0].units).toEqual({ count: 2, buildingAreaM2: 200, innerAreaM2: 160, sharedAreaM2: 40 });
    expect(h.accepted[1]).toMatchObject({ planeAreaM2: 2300, declaredAreaM2: 2300, stage: 'land_supply' });
  });

  it('ends a period when a newer result of the stage is accepted, or a correction of it', () => {
    const a = result({ id: 'a', surveyedOn: '2020-01-01', reviewedAt: t(1) });
    const b = result({ id: 'b', surveyedOn: '2022-01-01', reviewedAt: t(5), supersededBy: 'c' });
    const c = result({ id: 'c', surveyedOn: '2023-01-01', supersedes: 'b', reviewedAt: t(9) });
    const h = parcelHistory([a, b, c]);
    expect(h.periodsByStage.land_supply.map((p) => [p.surveyId, p.from, p.until, p.endedBy, p.endedByResult])).toEqual([
      ['a', t(1), t(5), 'newer', 'b'],
      ['b', t(5), t(9), 'superseded', 'c'],
      ['c', t(9), null, null, null],
    ]);
    expect(h.boundaryPeriods.map((p) => p.surveyId)).toEqual(['a', 'b', 'c']);
    expect(h.periodsByStage.presale).toEqual([]);
  });

  it('never makes current a result accepted later but surveyed earlier (the parcel read picks the newest survey)', () => {
    const newer = result({ id: 'newer', surveyedOn: '2024-01-01', reviewedAt: t(1) });
    const older = result({ id: 'older', surveyedOn: '2019-01-01', reviewedAt: t(7) });
    const h = parcelHistory([newer, older]);
    expect(h.periodsByStage.land_supply.map((p) => [p.surveyId, p.until])).toEqual([['newer', null]]);
  });

  it('gives a result a second period when the result that displaced it is superseded by an older survey', () => {
    const e = result({ id: 'e', stage: 'presale', kind: '房产预测', geometryRole: 'building_footprint', hasGeometry: false, surveyedOn: '2024-01-01', reviewedAt: t(1) });
    const f = result({ id: 'f', stage: 'presale', kind: '房产预测', geometryRole: 'building_footprint', hasGeometry: false, surveyedOn: '2025-01-01', reviewedAt: t(3), supersededBy: 'g' });
    const g = result({ id: 'g', stage: 'presale', kind: '房产预测', geometryRole: 'building_footprint', hasGeometry: false, surveyedOn: '2023-06-01', reviewedAt: t(6), supersedes: 'f' });
    const h = parcelHistory([e, f, g]);
    expect(h.periodsByStage.presale.map((p) => [p.surveyId, p.from, p.until, p.endedBy, p.endedByResult])).toEqual([
      ['e', t(1), t(3), 'newer', 'f'],
      ['f', t(3), t(6), 'superseded', 'g'],
      ['e', t(6), null, null, null],
    ]);
    // footprints of buildings are not the parcel boundary
    expect(h.boundaryPeriods).toEqual([]);
  });

  it('keeps stages apart, and a boundary from another stage takes over the boundary but not the stage', () => {
    const supply = result({ id: 'supply', surveyedOn: '2020-01-01', reviewedAt: t(1) });
    const legacy = result({ id: 'legacy', stage: 'legacy', kind: '勘测定界', surveyedOn: '2021-01-01', reviewedAt: t(4) });
    const h = parcelHistory([supply, legacy]);
    expect(h.periodsByStage.land_supply.map((p) => [p.surveyId, p.until])).toEqual([['supply', null]]);
    expect(h.periodsByStage.legacy.map((p) => [p.surveyId, p.from])).toEqual([['legacy', t(4)]]);
    expect(h.boundaryPeriods.map((p) => [p.surveyId, p.until, p.endedBy])).toEqual([['supply', t(4), 'newer'], ['legacy', null, null]]);
  });

  it('has no periods without accepted results', () => {
    const h = parcelHistory([result({ id: 'p', status: 'submitted', reviewedAt: null })]);
    expect(h.accepted).toEqual([]);
    expect(Object.values(h.periodsByStage).flat()).toEqual([]);
  });
});
