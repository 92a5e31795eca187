// The one CSV writer: formula prefixes neutralised, numbers left as numbers, every line break quoted.
import { neutraliseFormula, writeCsv } from '../../server/formats/csv-writer';
import { writeCsvPoints } from '../../server/formats/csv-points.format';
import { decodeText } from '../../server/formats/text-encoding';

const text = (bytes: Uint8Array) => decodeText(bytes).text.replace(/^\uFEFF/, '');

describe('formula neutralisation', () => {
  it.each(['=HYPERLINK("http://x","J1")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1'])('prefixes %j with an apostrophe', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['-3.20', '+1.25', '12.5%', '-0.5e3', 'J1', '界址点', ''])('leaves %j as it is', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('writeCsv', () => {
  it('writes CRLF rows with a BOM, quoting commas, quotes and lone line breaks', () => {
    const bytes = writeCsv([['a,b', 'say "x"', 'l\nm', 'c\rd'], [1.5, null, true]]);
    expect(Buffer.from(bytes.subarray(0, 3)).toString('hex')).toBe('efbbbf');
    expect(text(bytes)).toBe('"a,b","say ""x""","l\nm","c\rd"\r\n1.5,,true\r\n');
  });

  it('neutralises a formula in a point table export, whatever column it is in', () => {
    const plots = [{ plotNo: '@plot', attributes: {}, parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: [
      { pointNo: '=cmd|"/c calc"!A1', x: 3899300, y: 38430800 }, { pointNo: '+J2', x: 3899300, y: 38430860 }, { pointNo: 'J3', x: 3899260, y: 38430860 },
    ] }] }] }];
    const rows = text(writeCsvPoints(plots)).split('\r\n');
    // Columns: 地块编号, 点号, 圈号, X_northing, Y_easting, WKT, CRS (no CRS given here).
    expect(rows[1]).toBe(`'@plot,"'=cmd|""/c calc""!A1",1,3899300.000,38430800.000,POINT (38430800.000 3899300.000),`);
    expect(rows[2].startsWith("'@plot,'+J2,1,")).toBe(true);
  });

  it('writes GBK on request, without a BOM', () => {
    const bytes = writeCsv([['界址点']], { encoding: 'gbk' });
    expect(Buffer.from(bytes).toString('hex')).toBe('bde7d6b7b5e30d0a');
  });
});
