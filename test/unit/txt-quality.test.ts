// Quality checks of coordinate TXT deliveries (DOMAIN.md §5, §7): 地块面积 judged to its written rounding, 精度 vs digits.
import { readDelivery } from '../../server/formats/read-delivery';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { encodeText } from '../../server/formats/text-encoding';
import { checkDelivery } from '../../server/quality/quality-report';
import type { Finding } from '../../server/formats/delivery';

/** A 解放区 parcel, where the sample plot lies. */
const PARCEL = '410802003012GB00025';

/** A TXT of one rectangle plot with J1 at X 3899300, Y 38430800, `width` m east and `height` m south, 地块面积 as written. */
function rectangleTxt(width: string, height: string, area: string, precision = '0.001'): string {
  const [w, h] = [Number(width), Number(height)];
  const x0 = 3899300, y0 = 38430800;
  const digits = (n: number) => n.toFixed(Math.max(3, (width.split('.')[1] ?? '').length, (height.split('.')[1] ?? '').length));
  const corners = [[x0, y0], [x0, y0 + w], [x0 - h, y0 + w], [x0 - h, y0]];
  const points = [...corners, corners[0]].map(([x, y], i) => `J${(i % 4) + 1},1,${digits(x)},${digits(y)}`);
  return ['[属性描述]', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=38', `精度=${precision}`, '转换参数=,,,,,,', '[地块坐标]', `5,${area},1,地块1,面,,住宅用地,0701,@`, ...points, ''].join('\r\n');
}

async function findingsOf(text: string | Uint8Array, name = 'plot.txt'): Promise<Finding[]> {
  const read = await readDelivery(name, typeof text === 'string' ? encodeText(text, 'gbk') : text);
  if (!read.ok) throw new Error(read.findings.map((f) => f.message).join('\n'));
  return checkDelivery(read.delivery, { precisionClass: 1, officialArea: false, parcelCode: PARCEL });
}

describe('地块面积 of small parcels', () => {
  // 12.345 m × 10 m = 123.45 m² by hand; as 4-decimal 公顷 it is written 0.0123 (123 m², ±0.5 m²).
  it('accepts 0.0123 公顷 for a 123.45 m² plot: 4-decimal 公顷 is written to 1 m², and 123.45 is within 123 ± 0.5', async () => {
    expect(await findingsOf(rectangleTxt('12.345', '10', '0.0123'))).toEqual([]);
  });

  it('refuses 0.0124 公顷 for the same plot: 124 ± 0.5 m² does not reach 123.45 m²', async () => {
    const [f, ...rest] = await findingsOf(rectangleTxt('12.345', '10', '0.0124'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'AREA_DIFFERS_FROM_COORDINATES', severity: 'error', plot: '1', line: 8 });
    expect(f.message).toContain('the declared area 0.0124 公顷 (124.00 m²) differs from the plane area of the coordinates, 123.45 m², by 0.55 m²');
    expect(f.message).toContain('±0.5 m² for 0.0124 公顷');
  });

  it('re-reads the hub\'s own export of a 123.45 m² plot (written 0.0123 公顷) without a finding', async () => {
    const ring = { ringNo: 1, closed: true, points: [[3899300, 38430800], [3899300, 38430812.345], [3899290, 38430812.345], [3899290, 38430800]].map(([x, y], i) => ({ pointNo: `J${i + 1}`, x, y })) };
    const exported = writeExchangeTxt({ epsg: 4526, plots: [{ plotNo: '1', parts: [{ partNo: 1, rings: [ring] }], declaredArea: { value: 123.45, unit: 'm²', inferred: false, m2: 123.45 } }] });
    expect(Buffer.from(exported).toString('latin1')).toContain(',0.0123,1,');
    expect(await findingsOf(exported)).toEqual([]);
  });

  it('judges a 10 000 m² parcel to its written rounding at every class: 1.0068 公顷 is refused even at 三级', async () => {
    const read = await readDelivery('big.txt', encodeText(rectangleTxt('100', '100', '1.0068'), 'gbk'));
    if (!read.ok) throw new Error('unreadable');
    const [f] = checkDelivery(read.delivery, { precisionClass: 3, officialArea: false, parcelCode: PARCEL });
    expect(f).toMatchObject({ code: 'AREA_DIFFERS_FROM_COORDINATES', severity: 'error', suggestion: expect.objectContaining({ limitM2: 0.5 }) });
  });
});

describe('精度 against the digits of the coordinates', () => {
  it('refuses coordinates with 4 non-zero decimals under 精度=0.001, naming the line and the point', async () => {
    const text = rectangleTxt('60', '40', '0.2400').replace('J2,1,3899300.000,38430860.000', 'J2,1,3899300.000,38430860.0004');
    const [f, ...rest] = await findingsOf(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'COORDINATE_DIGITS_BEYOND_PRECISION', severity: 'error', plot: '1', ring: 1, point: 'J2', line: 10 });
    expect(f.message).toBe('plot.txt, line 10, plot 1, ring 1, point J2: Y 38430860.0004 has 4 decimals, but 精度=0.001 states 3 decimal(s): a coordinate cannot be finer than the precision it was surveyed to — write it to 3 decimal(s) or correct 精度');
    expect(f.messageZh).toContain('第10行，地块1，第1圈，界址点J2：Y 38430860.0004有4位小数，但精度=0.001只到3位小数');
  });

  it('accepts extra trailing zeros (38430860.00000) and coordinates coarser than 精度', async () => {
    const text = rectangleTxt('60', '40', '0.2400').replace('J2,1,3899300.000,38430860.000', 'J2,1,3899300.0,38430860.00000');
    expect(await findingsOf(text)).toEqual([]);
  });

  it('counts the plot\'s points written too finely under 精度=0.01', async () => {
    const [f] = await findingsOf(rectangleTxt('60', '40', '0.2400', '0.01').replace(/\.000/g, '.005'));
    expect(f).toMatchObject({ code: 'COORDINATE_DIGITS_BEYOND_PRECISION', point: 'J1', line: 9, suggestion: { allowedDecimals: 2, points: 4 } });
  });
});
