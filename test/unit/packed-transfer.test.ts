// Results cross from a parse worker in pieces: what is unpacked equals what was packed, and the unpacking yields.
import { pack, unpack } from '../../server/workers/packed-transfer';

const point = (i: number) => ({ pointNo: `J${i + 1}`, x: 3899000 + i / 1000, y: 38430000 + i / 1000, line: i + 10, xText: (3899000 + i / 1000).toFixed(3), yText: (38430000 + i / 1000).toFixed(3) });
const ring = (ringNo: number, n: number) => ({ ringNo, closed: true, points: Array.from({ length: n }, (_, i) => point(i)) });
const plot = (k: number, n: number) => ({ plotNo: String(k), attributes: { 地块用途: '住宅用地' }, parts: [{ partNo: 1, rings: [ring(1, n), ring(2, 4)] }] });
const finding = (i: number) => ({ code: 'SPIKE', severity: 'warning', message: `point J${i}`, messageZh: `界址点J${i}`, file: 'a.txt', line: i });

/** A delivery with one plot of 25 000 points, 300 plots of 500 and 300 of 40, and 9 000 findings. */
const large = () => ({ ok: true, delivery: { format: 'txt', fileName: 'a.txt', epsg: 4526, header: {}, plots: [plot(0, 25_000), ...Array.from({ length: 300 }, (_, k) => plot(k + 1, 500)), ...Array.from({ length: 300 }, (_, k) => plot(k + 301, 40))], findings: Array.from({ length: 9_000 }, (_, i) => finding(i)) } });

it('gives back a large delivery whole: plots, long rings and findings in their order', async () => {
  const expected = large();
  const packed = pack(large());
  expect(packed.arrays.length).toBeGreaterThan(2);
  expect((await unpack(packed)).value).toEqual(expected);
});

it('leaves deferred points packed until read, then gives them back whole, and completes the rest', async () => {
  const expected = large();
  const { value, complete } = await unpack<ReturnType<typeof large>>(pack(large()), { defer: 'points' });
  const [first, second] = value.delivery.plots;
  const descriptor = (ring: object) => Object.getOwnPropertyDescriptor(ring, 'points')!;
  expect(descriptor(first.parts[0].rings[0]).get).toBeDefined();
  expect(descriptor(second.parts[0].rings[0]).get).toBeDefined();
  expect(first.parts[0].rings[0].points).toEqual(expected.delivery.plots[0].parts[0].rings[0].points);
  await complete();
  expect(descriptor(second.parts[0].rings[0]).value).toEqual(expected.delivery.plots[1].parts[0].rings[0].points);
  expect(value).toEqual(expected);
});

it('gives back a small value as it was, in one piece', async () => {
  const small = { ok: false, findings: [finding(1)] };
  const packed = pack(structuredClone(small));
  expect(packed.arrays).toEqual([]);
  expect((await unpack(packed)).value).toEqual(small);
});

it('lets other work run while it unpacks a large delivery', async () => {
  const packed = pack(large());
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await unpack(packed);
  clearInterval(timer);
  expect(ticks).toBeGreaterThan(0);
});
