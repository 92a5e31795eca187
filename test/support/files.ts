// Survey files for API tests: the fixtures on disk, and the sample plot written as a TXT in a free cell.
import fs from 'node:fs';
import path from 'node:path';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { freeCell } from './fixtures';

export const fixture = (relative: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures', relative)));

/** The DOMAIN.md §7 sample plot moved by (dE, dN) m, as an exchange TXT (GBK, CRLF, 0.2300 公顷). */
export function sampleTxt(dE: number, dN: number, options: { hectares?: string } = {}): Uint8Array {
  const ring = (ringNo: number, names: string[], corners: number[][]) => ({
    ringNo,
    closed: true,
    points: corners.map(([x, y], i) => ({ pointNo: names[i], x: x + dN, y: y + dE, xText: (x + dN).toFixed(3), yText: (y + dE).toFixed(3) })),
  });
  const outer = ring(1, ['J1', 'J2', 'J3', 'J4'], [[3899300, 38430800], [3899300, 38430860], [3899260, 38430860], [3899260, 38430800]]);
  const hole = ring(2, ['J5', 'J6', 'J7', 'J8'], [[3899290, 38430810], [3899290, 38430820], [3899280, 38430820], [3899280, 38430810]]);
  const m2 = options.hectares ? Number(options.hectares) * 10_000 : 2300;
  return writeExchangeTxt({
    epsg: 4526,
    header: { 数据产生单位: '焦作市测试测绘有限公司', 数据产生日期: '2025-01-15' },
    plots: [{ plotNo: '1', name: '地块1', use: '住宅用地', parts: [{ partNo: 1, rings: [outer, hole] }], declaredArea: { value: m2 / 10_000, unit: '公顷', inferred: false, m2 } }],
  });
}

export const sampleTxtSomewhere = () => sampleTxt(...freeCell());

/** The metadata fields of an upload. */
export function uploadFields(parcelCode: string, overrides: Record<string, string | number> = {}) {
  return { stage: 'land_supply', kind: '勘测定界', parcelCode, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: 1, ...overrides };
}
