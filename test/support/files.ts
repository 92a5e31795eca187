// Survey files for API tests: the fixtures on disk, and the sample plot written as a TXT in a free cell.
import fs from 'node:fs';
import path from 'node:path';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { freeCell } from './fixtures';

export const fixture = (relative: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures', relative)));

type Ring = { ringNo: number; closed: true; points: { pointNo: string; x: number; y: number; xText: string; yText: string }[] };

/** The sample plot's rings (60 m × 40 m outer ring J1–J4, 10 m × 10 m hole J5–J8) moved by (dE, dN) m. */
function sampleRings(dE: number, dN: number): Ring[] {
  const ring = (ringNo: number, names: string[], corners: number[][]): Ring => ({
    ringNo,
    closed: true,
    points: corners.map(([x, y], i) => ({ pointNo: names[i], x: x + dN, y: y + dE, xText: (x + dN).toFixed(3), yText: (y + dE).toFixed(3) })),
  });
  return [
    ring(1, ['J1', 'J2', 'J3', 'J4'], [[3899300, 38430800], [3899300, 38430860], [3899260, 38430860], [3899260, 38430800]]),
    ring(2, ['J5', 'J6', 'J7', 'J8'], [[3899290, 38430810], [3899290, 38430820], [3899280, 38430820], [3899280, 38430810]]),
  ];
}

/**
 * An exchange TXT (GBK, CRLF) of sample plots, each moved by its (dE, dN) m and numbered `plotNo` (a 宗地代码
 * makes it a bulk-import plot of that parcel). 地块面积 0.2300 公顷 unless `hectares` says otherwise.
 */
export function txtOfPlots(plots: { plotNo: string; dE: number; dN: number; hectares?: string }[]): Uint8Array {
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '焦作市测试测绘有限公司', 数据产生日期: '2025-01-15' },
    plots: plots.map(({ plotNo, dE, dN, hectares }) => {
      const m2 = hectares ? Number(hectares) * 10_000 : 2300;
      return { plotNo, name: '地块', use: '住宅用地', parts: [{ partNo: 1, rings: sampleRings(dE, dN) }], declaredArea: { value: m2 / 10_000, unit: '公顷' as const, inferred: false, m2 } };
    }),
  });
}

/** The DOMAIN.md §7 sample plot moved by (dE, dN) m, as an exchange TXT. */
export const sampleTxt = (dE: number, dN: number, options: { hectares?: string } = {}) => txtOfPlots([{ plotNo: '1', dE, dN, hectares: options.hectares }]);

export const sampleTxtSomewhere = () => sampleTxt(...freeCell());

/** The metadata fields of an upload. */
export function uploadFields(parcelCode: string, overrides: Record<string, string | number> = {}) {
  return { stage: 'land_supply', kind: '勘测定界', parcelCode, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: 1, ...overrides };
}
