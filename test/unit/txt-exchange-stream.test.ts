// The exchange TXT as a stream of plots (staged bulk import): batches, the header's CRS, unreadable lines named.
import * as iconv from 'iconv-lite';
import { readTxtHeader, streamTxtPlots, type StreamProblem } from '../../server/formats/txt-exchange.stream';
import { decodeTextPieces } from '../../server/formats/text-encoding';

const HEADER = '[属性描述]\r\n坐标系=2000国家大地坐标系\r\n几度分带=3\r\n带号=38\r\n';
const plot = (code: string) => `5,0.2400,${code},地块,面,,,,@\r\nJ1,1,3899300.000,38430800.000\r\nJ2,1,3899300.000,38430860.000\r\nJ3,1,3899260.000,38430860.000\r\nJ1,1,3899300.000,38430800.000\r\n`;

it('places a CGCS2000 3° zone-38 file in EPSG:4526 and refuses Xian 80 and a file without 带号', () => {
  expect(readTxtHeader(`${HEADER}[地块坐标]\r\n`)).toEqual({ epsg: 4526 });
  expect(readTxtHeader('[属性描述]\n坐标系=80国家大地坐标系\n带号=38\n').refusal?.code).toBe('CRS_UNSUPPORTED');
  expect(readTxtHeader('[属性描述]\n坐标系=2000国家大地坐标系\n').refusal?.code).toBe('CRS_MISSING');
});

it('yields plots in batches with their points as written, in file order', () => {
  const text = `\uFEFF${HEADER}【地块坐标】\r\n${['A', 'B', 'C'].map(plot).join('')}`;
  const batches = [...streamTxtPlots(text, 2, [])];
  expect(batches.map((b) => b.map((p) => p.label))).toEqual([['A', 'B'], ['C']]);
  expect(batches[0][1]).toMatchObject({ plotNo: 2, line: 11, declared: '0.2400', pointCount: '5' });
  expect(batches[0][0].points[1]).toEqual({ pointNo: 'J2', ring: 1, x: '3899300.000', y: '38430860.000', line: 8 });
});

it('names an unreadable point line and a point before any plot, and reads on', () => {
  const problems: StreamProblem[] = [];
  const text = `${HEADER}[地块坐标]\nJ0,1,1,2\n${plot('A')}J9,x,1,2\n`;
  const plots = [...streamTxtPlots(text, 10, problems)].flat();
  expect(plots.map((p) => [p.label, p.points.length])).toEqual([['A', 4]]);
  expect(problems.map((p) => p.line)).toEqual([6, 12]);
  expect(problems[1].zh).toContain('第12行');
});

it('reads the same plots and line numbers from a file decoded in pieces that end inside lines and characters', () => {
  const text = `${HEADER}[地块坐标]\r\n${['A', 'B', 'C'].map(plot).join('')}`;
  const gbk = iconv.encode(text, 'gbk');
  const { encoding, pieces } = decodeTextPieces(new Uint8Array(gbk), 7);
  expect(encoding).toBe('gb18030');
  const whole = [...streamTxtPlots(text, 10, [])];
  expect([...streamTxtPlots(pieces, 10, [])]).toEqual(whole);
  expect(whole[0].map((p) => [p.label, p.line])).toEqual([['A', 6], ['B', 11], ['C', 16]]);
});
