// A point number holding a control character is refused at intake by every reader, named by file, line and point.
import { readDelivery } from '../../server/formats/read-delivery';
import { readGeoJsonObject } from '../../server/formats/geojson.format';
import { writeExchangeTxt } from '../../server/formats/txt-exchange.format';
import { SAMPLE_PLOT } from '../support/fixtures';

const codes = (r: Awaited<ReturnType<typeof readDelivery>>) => (r.ok ? [] : r.findings.map((f) => f.code));

const corners = [[3899300, 38430800], [3899300, 38430860], [3899260, 38430860], [3899260, 38430800]];

describe('point numbers with control characters', () => {
  it('are refused in a CSV point table, naming the line and the point', async () => {
    const rows = ['点号,X,Y', ...corners.map(([x, y], i) => `${i === 1 ? '"J2\r\nJ9,1,0,0"' : `J${i + 1}`},${x},${y}`), `J1,${corners[0][0]},${corners[0][1]}`];
    const read = await readDelivery('points.csv', new Uint8Array(Buffer.from(rows.join('\r\n'))));
    expect(codes(read)).toEqual(['POINT_NUMBER_CONTROL_CHARACTER']);
    const [finding] = read.ok ? [] : read.findings;
    expect(finding).toMatchObject({ file: 'points.csv', line: 3, point: 'J2\\u000d\\u000aJ9,1,0,0' });
    expect(finding.message).toContain('points.csv, line 3');
  });

  it('are refused in a GeoJSON pointNumbers property', () => {
    const doc = structuredClone(SAMPLE_PLOT);
    doc.features[0].properties.pointNumbers[0][2] = 'J3\n38430800,3899300';
    const read = readGeoJsonObject(doc, 'features', 4526);
    expect(read.ok ? [] : read.findings.map((f) => [f.code, f.point])).toEqual([['POINT_NUMBER_CONTROL_CHARACTER', 'J3\\u000a38430800,3899300']]);
  });

  it('are refused in an exchange TXT (a vertical tab here: a TXT line cannot hold a line break)', async () => {
    const bytes = writeExchangeTxt({ epsg: 4526, plots: [{ plotNo: '1', parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: corners.map(([x, y], i) => ({ pointNo: `J${i + 1}`, x, y })) }] }] }] });
    const withTab = Buffer.from(Buffer.from(bytes).toString('latin1').replace('J2,', 'J\u000b2,'), 'latin1');
    const read = await readDelivery('plot.txt', new Uint8Array(withTab));
    expect(codes(read)).toContain('POINT_NUMBER_CONTROL_CHARACTER');
  });

  it('are written on one line by the TXT writer even if stored before intake refused them', () => {
    const bytes = writeExchangeTxt({ epsg: 4526, plots: [{ plotNo: '1', parts: [{ partNo: 1, rings: [{ ringNo: 1, closed: true, points: corners.map(([x, y], i) => ({ pointNo: i === 1 ? 'J2\r\nJ9,1,0,0' : `J${i + 1}`, x, y })) }] }] }] }, { encoding: 'utf-8' });
    const lines = Buffer.from(bytes).toString('utf8').split('\r\n');
    expect(lines.filter((l) => l.startsWith('J9'))).toEqual([]);
    expect(lines).toContain('J2  J9，1，0，0,1,3899300.000,38430860.000');
  });
});
