// The coordinate exchange TXT (DOMAIN.md §7): every variant a surveyor sends, every finding they see, and the round trip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { polygonPlaneArea } from '../../server/domain/plane-area';
import { decodeText, encodeText } from '../../server/formats/text-encoding';
import { parseExchangeTxt, writeExchangeTxt, type ExchangeFile, type ExchangePlot, type TxtParseResult } from '../../server/formats/txt-exchange.format';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/txt', name)));
const parse = (name: string) => parseExchangeTxt(fixture(name), name);
const parseText = (text: string, name = 'inline.txt') => parseExchangeTxt(encodeText(text, 'gbk'), name);
const sampleText = decodeText(fixture('sample-gbk-crlf.txt')).text;

function expectOk(result: TxtParseResult): ExchangeFile & { warnings: TxtParseResult['warnings'] } {
  if (!result.ok) throw new Error(`expected the file to parse: ${result.errors.map((e) => e.message).join('; ')}`);
  return { ...result.value, warnings: result.warnings };
}
function expectErrors(result: TxtParseResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}
const planeArea = (plot: ExchangePlot) =>
  plot.parts.reduce((sum, part) => sum + polygonPlaneArea(part.rings.map((r) => r.points.map((p) => [p.y, p.x]))), 0);
/** Plots without their line numbers, to compare files written differently. */
const shape = (file: ExchangeFile) => file.plots.map(({ line: _line, ...plot }) => plot);

describe('reading the DOMAIN.md sample', () => {
  const file = expectOk(parse('sample-gbk-crlf.txt'));
  const [plot] = file.plots;

  it('reads one plot 1 (地块1, 住宅用地 0701) in EPSG:4526 from 带号 38 and the prefixed eastings, with no findings', () => {
    expect(file.epsg).toBe(4526);
    expect(file.precision).toBe(0.001);
    expect(file.header['数据产生单位']).toBe('某测绘公司');
    expect(file.warnings).toEqual([]);
    expect(plot).toMatchObject({ line: 13, plotNo: '1', name: '地块1', shape: '面', mapSheet: '', use: '住宅用地', landClassCode: '0701', extras: [], pointCount: 10 });
  });

  it('makes ring 1 the outer ring and ring 2, inside it, a hole: plane area 60 m × 40 m − 10 m × 10 m = 2300 m²', () => {
    expect(plot.parts).toHaveLength(1);
    expect(plot.parts[0].rings.map((r) => [r.ringNo, r.points.map((p) => p.pointNo)])).toEqual([[1, ['J1', 'J2', 'J3', 'J4']], [2, ['J5', 'J6', 'J7', 'J8']]]);
    expect(plot.parts[0].rings[0].points[0]).toEqual({ pointNo: 'J1', x: 3899300, y: 38430800, line: 14, xText: '3899300.000', yText: '38430800.000' }); // X north, Y east, as written
    expect(planeArea(plot)).toBe(60 * 40 - 10 * 10);
    expect(plot.declaredArea).toEqual({ value: 0.23, unit: '公顷', inferred: true, m2: 2300, text: '0.2300' });
  });

  it('keeps every coordinate’s digits as written', () => {
    expect(plot.coordinateText.J1).toEqual({ x: '3899300.000', y: '38430800.000' });
    expect(Object.keys(plot.coordinateText)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
  });

  it('is GBK on disk with CRLF: its bytes are not valid UTF-8, and it is read as GB18030', () => {
    const bytes = fixture('sample-gbk-crlf.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(file.encoding).toBe('gb18030');
    expect(sampleText).toContain('[属性描述]\r\n');
  });
});

describe('encodings and layouts', () => {
  const reference = shape(expectOk(parse('sample-gbk-crlf.txt')));

  it.each([
    ['sample-utf8-bom-lf.txt', 'utf-8-bom'],
    ['sample-utf16le.txt', 'utf-16le'],
  ])('reads %s (%s) as the same plot as the GBK sample', (name, encoding) => {
    const file = expectOk(parse(name));
    expect(file.encoding).toBe(encoding);
    expect(shape(file)).toEqual(reference);
  });

  it('reads UTF-16BE and plain UTF-8 too', () => {
    const be = Buffer.from(sampleText, 'utf16le').swap16();
    expect(expectOk(parseExchangeTxt(new Uint8Array([0xfe, 0xff, ...be]), 'be.txt')).encoding).toBe('utf-16be');
    expect(expectOk(parseExchangeTxt(encodeText(sampleText, 'utf-8'), 'u8.txt')).encoding).toBe('utf-8');
  });

  it('reads full-width 【】 headings, indented lines, 坐标系=CGCS2000, 几度分带=3度带, and keeps [项目信息]', () => {
    const file = expectOk(parse('fullwidth-brackets-project-info.txt'));
    expect(file.epsg).toBe(4526);
    expect(file.header['坐标系']).toBe('CGCS2000');
    expect(file.sections['项目信息']).toEqual({ 项目名称: '焦作某住宅项目', 项目编号: 'JZ-2025-001' });
    expect(file.plots.map((p) => planeArea(p))).toEqual([2300]);
    expect(file.warnings).toEqual([]);
  });

  it('accepts 坐标系 written as 国家2000', () => {
    expect(expectOk(parseText(sampleText.replace('2000国家大地坐标系', '国家2000'))).epsg).toBe(4526);
  });

  it('reads several plots per file, each with its own rings', () => {
    const file = expectOk(parse('two-plots.txt'));
    expect(file.plots.map((p) => [p.plotNo, p.use, planeArea(p), p.declaredArea?.m2])).toEqual([['1', '住宅用地', 2300, 2300], ['2', '绿地', 100, 100]]);
  });

  it('makes a ring outside the outer ring a second part of a multi-part plot, and keeps extra trailing fields', () => {
    const [plot] = expectOk(parse('multi-part.txt')).plots;
    expect(plot.parts.map((p) => [p.partNo, p.rings.map((r) => r.ringNo)])).toEqual([[1, [1]], [2, [2]]]);
    expect(planeArea(plot)).toBe(200);
    expect(plot.extras).toEqual(['备注甲', '备注乙']);
  });

  it('derives EPSG:4547 from 带号 38 when the eastings carry no zone prefix, keeping the digits as written', () => {
    const file = expectOk(parse('unprefixed-easting.txt'));
    expect(file.epsg).toBe(4547);
    expect(file.plots[0].coordinateText.J1).toEqual({ x: '3899300.000', y: '430800.000' });
    expect(planeArea(file.plots[0])).toBe(2300);
  });
});

describe('地块面积 units', () => {
  it('reads an area without unit that matches the plane area in m² as m², and warns that the unit was inferred', () => {
    const file = expectOk(parse('area-m2-no-unit.txt'));
    expect(file.plots[0].declaredArea).toEqual({ value: 2300, unit: 'm²', inferred: true, m2: 2300, text: '2300' });
    expect(file.warnings).toEqual([expect.objectContaining({ code: 'TXT_AREA_UNIT_INFERRED', severity: 'warning', file: 'area-m2-no-unit.txt', line: 13, plot: '1' })]);
    expect(file.warnings[0].message).toMatch(/^area-m2-no-unit\.txt, line 13, plot 1: .*2300.*write it in 公顷 \(0\.2300\)/);
  });

  it('reads an area written with the 公顷 suffix as written, not inferred', () => {
    const file = expectOk(parse('area-hectare-suffix.txt'));
    expect(file.plots[0].declaredArea).toEqual({ value: 0.23, unit: '公顷', inferred: false, m2: 2300, text: '0.2300' });
    expect(file.warnings).toEqual([]);
  });

  it.each(['2300平方米', '2300m2', '2300㎡'])('reads the area %s as m², not inferred', (area) => {
    const file = expectOk(parseText(sampleText.replace('10,0.2300,', `10,${area},`)));
    expect(file.plots[0].declaredArea).toEqual({ value: 2300, unit: 'm²', inferred: false, m2: 2300, text: '2300' });
  });
});

describe('findings the surveyor sees', () => {
  it('refuses 80国家大地坐标系, saying it is Xian 80 and not CGCS2000, on line 5', () => {
    const [error] = expectErrors(parse('xian80.txt'));
    expect(error).toMatchObject({ code: 'TXT_DATUM_NOT_CGCS2000', severity: 'error', file: 'xian80.txt', line: 5 });
    expect(error.message).toMatch(/^xian80\.txt, line 5: .*Xian 80.*not CGCS2000.*transform/);
    expect(error.messageZh).toContain('1980西安坐标系');
  });

  it.each([['北京54', 'Beijing 54'], ['54', 'Beijing 54'], ['西安80', 'Xian 80']])('refuses 坐标系=%s as %s', (datum, name) => {
    const errors = expectErrors(parseText(sampleText.replace('2000国家大地坐标系', datum)));
    expect(errors.map((e) => e.code)).toEqual(['TXT_DATUM_NOT_CGCS2000']);
    expect(errors[0].message).toContain(`${name}`);
  });

  it('refuses a ring that is not closed, naming ring 2, its first point J5 and its last point J8b', () => {
    const errors = expectErrors(parse('ring-not-closed.txt'));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_RING_NOT_CLOSED', line: 23, plot: '1', ring: 2 })]);
    expect(errors[0].message).toMatch(/^ring-not-closed\.txt, line 23, plot 1, ring 2: .*J5 \(line 19\).*J8b.*repeat J5/);
  });

  it('reads a plot whose 界址点数 differs from its point lines, with a warning only', () => {
    const file = expectOk(parse('point-count-mismatch.txt'));
    expect(file.plots[0].pointCount).toBe(10);
    expect(file.warnings.map((w) => [w.code, w.severity, w.line])).toEqual([['TXT_POINT_COUNT_MISMATCH', 'warning', 13]]);
    expect(file.warnings[0].message).toContain('correct 界址点数 to 10');
  });

  it('accepts 界址点数 counted without the closing points', () => {
    expect(expectOk(parseText(sampleText.replace('10,0.2300,', '8,0.2300,'))).warnings).toEqual([]);
  });

  it('refuses an unreadable point line, naming its line and plot', () => {
    const errors = expectErrors(parseText(sampleText.replace('J3,1,3899260.000', 'J3,1,3899260,000x')));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_LINE_UNREADABLE', line: 16, plot: '1' })]);
    expect(errors[0].message).toMatch(/^inline\.txt, line 16, plot 1: .*点号,圈号,X,Y/);
  });

  it('refuses a file without any plot', () => {
    const errors = expectErrors(parseText(sampleText.split('[地块坐标]')[0] + '[地块坐标]\r\n'));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_NO_PLOTS', line: 12 })]);
  });

  it('refuses eastings whose zone prefix (38) differs from 带号=39, naming the first such point', () => {
    const errors = expectErrors(parseText(sampleText.replace('带号=38', '带号=39')));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_ZONE_PREFIX_MISMATCH', plot: '1', ring: 1, point: 'J1', line: 14 })]);
  });

  it('refuses X and Y swapped', () => {
    const swapped = sampleText.replace(/(J\d,\d),([\d.]+),([\d.]+)/g, '$1,$3,$2');
    const errors = expectErrors(parseText(swapped));
    expect(errors.map((e) => [e.code, e.point])).toEqual([['TXT_COORDINATES_SWAPPED', 'J1']]);
    expect(errors[0].message).toContain('swap the columns');
  });

  it('refuses X and Y swapped, offering the corrected reading of J1 in both languages', () => {
    const swapped = sampleText.replace(/(J\d,\d),([\d.]+),([\d.]+)/g, '$1,$3,$2');
    const [error] = expectErrors(parseText(swapped));
    expect(error.message).toContain('the point reads X=3899300.000, Y=38430800.000');
    expect(error.messageZh).toContain('该点应为X=3899300.000，Y=38430800.000');
  });

  it('calls unprefixed eastings written in the X column a swap, not a zone prefix mismatch, with the corrected reading', () => {
    // EPSG:4547 (no prefix): northing ≈ 3.9 × 10⁶ in Y and easting ≈ 0.43 × 10⁶ in X is the swap of DOMAIN.md §4
    const unprefixed = decodeText(fixture('unprefixed-easting.txt')).text;
    expect(expectOk(parseText(unprefixed)).epsg).toBe(4547);
    const swapped = unprefixed.replace(/(J\d,\d),([\d.]+),([\d.]+)/g, '$1,$3,$2');
    const errors = expectErrors(parseText(swapped, 'swapped.txt'));
    expect(errors.map((e) => [e.code, e.plot, e.point, e.line])).toEqual([['TXT_COORDINATES_SWAPPED', '1', 'J1', 14]]);
    expect(errors[0].message).toMatch(/^swapped\.txt, line 14, plot 1, ring 1, point J1: X 430800\.000 looks like the easting and Y 3899300\.000 like the northing/);
    expect(errors[0].message).toContain('the point reads X=3899300.000, Y=430800.000');
    expect(errors[0].messageZh).toContain('该点应为X=3899300.000，Y=430800.000');
    expect(errors.map((e) => e.code)).not.toContain('TXT_ZONE_PREFIX_MISMATCH');
  });

  it('calls one point written unprefixed and swapped in a prefixed file a swap, giving its easting with the prefix 38', () => {
    const errors = expectErrors(parseText(sampleText.replace('J3,1,3899260.000,38430860.000', 'J3,1,430860.000,3899260.000')));
    expect(errors.map((e) => [e.code, e.point, e.line])).toEqual([['TXT_COORDINATES_SWAPPED', 'J3', 16]]);
    expect(errors[0].message).toContain('the point reads X=3899260.000, Y=38430860.000');
  });

  it.each(['焦作2000独立坐标系', '焦作市城建坐标系', '地方坐标系2000', '假定坐标系'])('refuses the local coordinate system 坐标系=%s on line 5, asking for CGCS2000', (datum) => {
    const errors = expectErrors(parseText(sampleText.replace('2000国家大地坐标系', datum)));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_DATUM_LOCAL', severity: 'error', line: 5 })]);
    expect(errors[0].message).toMatch(new RegExp(`^inline\\.txt, line 5: 坐标系=${datum} is a local .*not CGCS2000.*deliver the file in 2000国家大地坐标系`));
    expect(errors[0].messageZh).toContain('请用登记的转换参数转换为2000国家大地坐标系后重新导出提交');
  });

  it('refuses filled 转换参数 on line 11, and accepts them empty or all zero', () => {
    const errors = expectErrors(parseText(sampleText.replace('转换参数=,,,,,,', '转换参数=-52.3,118.7,40.1,0,0,0,1.000012')));
    expect(errors).toEqual([expect.objectContaining({ code: 'TXT_TRANSFORMATION_PARAMETERS', severity: 'error', line: 11 })]);
    expect(errors[0].message).toContain('转换参数=-52.3,118.7,40.1,0,0,0,1.000012 is filled');
    expect(errors[0].message).toContain('deliver them in 2000国家大地坐标系');
    expect(errors[0].messageZh).toContain('请提交2000国家大地坐标系坐标');
    for (const empty of ['转换参数=', '转换参数=0,0,0,0,0,0,0', '转换参数=, , ,0.000,,,']) {
      expect(expectOk(parseText(sampleText.replace('转换参数=,,,,,,', empty))).warnings).toEqual([]);
    }
  });

  it('keeps the 地块面积 text as written, so its decimals are known', () => {
    expect(expectOk(parseText(sampleText.replace('10,0.2300,', '10,0.23,'))).plots[0].declaredArea).toMatchObject({ value: 0.23, text: '0.23', unit: '公顷' });
  });

  it('names the file and a line in every finding', () => {
    const texts = [sampleText.replace('2000国家大地坐标系', '西安80'), sampleText.replace('J1,1,3899300.000,38430800.000\r\n[', '[')];
    const findings = ['xian80.txt', 'ring-not-closed.txt', 'point-count-mismatch.txt', 'area-m2-no-unit.txt'].map(parse).concat(texts.map((t) => parseText(t)))
      .flatMap((r) => (r.ok ? r.warnings : [...r.errors, ...r.warnings]));
    expect(findings.length).toBeGreaterThan(4);
    for (const f of findings) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.message.startsWith(`${f.file}, line ${f.line}`)).toBe(true);
      expect(f.messageZh.startsWith(`${f.file}，第${f.line}行`)).toBe(true);
    }
  });
});

describe('writing', () => {
  it('writes the DOMAIN.md sample back byte for byte (GBK, CRLF, closing points, 0.2300 公顷)', () => {
    const file = expectOk(parse('sample-gbk-crlf.txt'));
    expect(Buffer.from(writeExchangeTxt(file, { encoding: 'gbk' }))).toEqual(Buffer.from(fixture('sample-gbk-crlf.txt')));
  });

  it.each(['multi-part.txt', 'two-plots.txt', 'unprefixed-easting.txt', 'fullwidth-brackets-project-info.txt', 'area-m2-no-unit.txt'])(
    'round-trips %s: parse → write → parse gives the same plots, points and digits', (name) => {
      const first = expectOk(parse(name));
      const again = expectOk(parseExchangeTxt(writeExchangeTxt(first, { encoding: 'gbk' }), name));
      expect(again.epsg).toBe(first.epsg);
      expect(again.sections).toEqual(first.sections);
      expect(again.plots.map((p) => [p.plotNo, p.parts, p.coordinateText, p.extras, p.declaredArea?.m2]))
        .toEqual(first.plots.map((p) => [p.plotNo, p.parts, p.coordinateText, p.extras, p.declaredArea?.m2]));
    });

  it('writes UTF-8 on request, states CGCS2000 and the zone from the EPSG, and writes coordinates without digits to 3 decimals', () => {
    const parts = [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: [{ pointNo: 'A', x: 3899300, y: 430800.5 }, { pointNo: 'B', x: 3899300, y: 430810.5 }, { pointNo: 'C', x: 3899290, y: 430810.5 }] }] }];
    const text = new TextDecoder('utf-8', { fatal: true }).decode(writeExchangeTxt({ epsg: 4547, header: { 数据产生单位: '某测绘公司' }, plots: [{ plotNo: '7', parts }] }, { encoding: 'utf-8' }));
    expect(text).toContain('数据产生单位=某测绘公司\r\n数据产生日期=\r\n坐标系=2000国家大地坐标系\r\n几度分带=3\r\n');
    expect(text).toContain('带号=38\r\n');
    expect(text).toContain('4,0.0050,7,,面,,,,@\r\nA,1,3899300.000,430800.500\r\nB,1,3899300.000,430810.500\r\nC,1,3899290.000,430810.500\r\nA,1,3899300.000,430800.500\r\n');
    expect(expectOk(parseExchangeTxt(new TextEncoder().encode(text), 'w.txt')).epsg).toBe(4547);
  });
});
