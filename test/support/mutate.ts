// Deterministic mutations of survey files (TXT, GeoJSON, CSV, DXF, zipped shapefile) for the fuzz test:
// one seed and one case number always give the same bytes, and every mutant says what was done to it.
import * as iconv from 'iconv-lite';
import { unzipSync, zipSync } from 'fflate';

export type SeedFormat = 'txt' | 'geojson' | 'csv' | 'dxf' | 'shp';

/** A well-formed survey file to start from. */
export interface Seed { name: string; format: SeedFormat; bytes: Uint8Array }

/** A mutated input: the file name to upload it as, its bytes, and how it was made (enough to replay it). */
export interface Mutant { name: string; bytes: Uint8Array; description: string; format: SeedFormat }

/** mulberry32: small, fast, and the same sequence on every machine (never Math.random). */
export class Rng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** The seed of case `index` of a run seeded `seed`: cases are independent, so any one can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** What a step may use: the rest of the seeds (for splicing) and the size each input must stay under. */
export interface MutationContext { seeds: readonly Seed[]; maxBytes: number }
type Step = (bytes: Uint8Array, rng: Rng, ctx: MutationContext) => { bytes: Uint8Array; did: string };

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

// ---- bytes, any format ------------------------------------------------------------------------------------------

const flipBits: Step = (bytes, rng) => {
  const out = bytes.slice(), at: string[] = [];
  for (let n = rng.int(1, 8); n > 0 && out.length; n--) {
    const i = rng.int(0, out.length - 1), bit = rng.int(0, 7);
    out[i] ^= 1 << bit;
    at.push(`${i}:${bit}`);
  }
  return { bytes: out, did: `flip bits ${at.join(',')}` };
};

const deleteRange: Step = (bytes, rng) => {
  const start = rng.int(0, Math.max(0, bytes.length - 1)), len = rng.int(1, Math.max(1, Math.min(256, bytes.length >> 3)));
  return { bytes: concat(bytes.subarray(0, start), bytes.subarray(start + len)), did: `delete ${len} bytes at ${start}` };
};

const INSERTS: [string, (rng: Rng) => Uint8Array][] = [
  ['random', (rng) => Uint8Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255))],
  ['NUL', (rng) => new Uint8Array(rng.int(1, 16))],
  ['0xFF', (rng) => new Uint8Array(rng.int(1, 16)).fill(0xff)],
  ['newlines', (rng) => Buffer.from('\r\n\n\r'.repeat(rng.int(1, 4)))],
  ['brackets', (rng) => Buffer.from(rng.pick(['[', ']', '{', '}', '"', ',', '[地块坐标]', '0\nSECTION', '@']))],
];

const insertBytes: Step = (bytes, rng) => {
  const [kind, make] = rng.pick(INSERTS), at = rng.int(0, bytes.length), chunk = make(rng);
  return { bytes: concat(bytes.subarray(0, at), chunk, bytes.subarray(at)), did: `insert ${chunk.length} ${kind} bytes at ${at}` };
};

const duplicateRange: Step = (bytes, rng) => {
  const start = rng.int(0, Math.max(0, bytes.length - 1)), len = rng.int(1, Math.max(1, bytes.length >> 2)), at = rng.int(0, bytes.length);
  const chunk = bytes.slice(start, start + len);
  return { bytes: concat(bytes.subarray(0, at), chunk, bytes.subarray(at)), did: `duplicate ${chunk.length} bytes from ${start} at ${at}` };
};

const truncate: Step = (bytes, rng) => {
  const at = rng.int(0, Math.max(0, bytes.length - 1));
  return { bytes: bytes.slice(0, at), did: `truncate at ${at} of ${bytes.length}` };
};

const splice: Step = (bytes, rng, ctx) => {
  const other = rng.pick(ctx.seeds), a = rng.int(0, bytes.length), b = rng.int(0, other.bytes.length);
  return { bytes: concat(bytes.subarray(0, a), other.bytes.subarray(b)), did: `splice ${a} bytes with ${other.name} from ${b}` };
};

const BYTE_STEPS: Step[] = [flipBits, deleteRange, insertBytes, duplicateRange, truncate, splice];

// ---- text: numbers, columns, lines, encodings -------------------------------------------------------------------

interface Text { text: string; encoding: string; bom: boolean }

/** Decodes by BOM, then strict UTF-8, then GBK (what the hub itself accepts). */
export function decode(bytes: Uint8Array): Text {
  const b = Buffer.from(bytes);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be', bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8', bom: false };
  } catch {
    return { text: iconv.decode(b, 'gbk'), encoding: 'gbk', bom: false };
  }
}

/** Encodes with iconv-lite; `bom` writes the encoding's byte order mark (UTF-8 and UTF-16 only). */
export function encode(text: string, encoding: string, bom = false): Uint8Array {
  return new Uint8Array(iconv.encode(text, encoding, { addBOM: bom && /^utf/.test(encoding) }));
}

/** A step on the decoded text, written back in the file's own encoding. */
const onText = (edit: (text: string, rng: Rng, ctx: MutationContext) => { text: string; did: string }): Step => (bytes, rng, ctx) => {
  const t = decode(bytes), { text, did } = edit(t.text, rng, ctx);
  return { bytes: encode(text, t.encoding, t.bom), did };
};

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Replacements for a number: overflowing, not-a-number, empty, negative, absurdly long, full-width. */
const NUMBER_REPLACEMENTS: [string, (rng: Rng, original: string) => string][] = [
  ['1e308', () => '1e308'], ['1e400', () => '1e400'], ['-1e400', () => '-1e400'], ['1e-400', () => '1e-400'],
  ['NaN', () => 'NaN'], ['Infinity', () => 'Infinity'], ['-Infinity', () => '-Infinity'], ['dash', () => '-'],
  ['empty', () => ''], ['zero', () => '0'], ['negative', (_, o) => (o.startsWith('-') ? o.slice(1) : `-${o}`)],
  ['long digits', (rng) => '9'.repeat(rng.int(20, 4000))], ['long fraction', (rng, o) => `${o}${o.includes('.') ? '' : '.'}${'3'.repeat(rng.int(20, 2000))}`],
  ['hex', () => '0x1F'], ['comma decimal', (_, o) => o.replace('.', ',')], ['two points', () => '1.2.3'], ['full-width', (_, o) => o.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
  ['times 1000', (_, o) => String(Number(o) * 1000)], ['max int', () => '9007199254740993'],
];

const replaceNumbers = onText((text, rng) => {
  const matches = [...text.matchAll(NUMBER)];
  if (!matches.length) return { text, did: 'replace numbers (none found)' };
  const all = rng.chance(0.1), [kind, make] = rng.pick(NUMBER_REPLACEMENTS);
  const chosen = new Set(all ? matches.map((m) => m.index!) : Array.from({ length: rng.int(1, 3) }, () => rng.pick(matches).index!));
  const out = text.replace(NUMBER, (m, offset: number) => (chosen.has(offset) ? make(rng, m) : m));
  return { text: out, did: `replace ${all ? 'every number' : `numbers at chars ${[...chosen].join(',')}`} with ${kind}` };
});

/** Swaps the last two numbers of point lines (X/Y, northing/easting): on a few lines, or on all of them. */
const swapColumns = onText((text, rng) => {
  const lines = text.split('\n'), all = rng.chance(0.5), picked: number[] = [];
  lines.forEach((line, i) => {
    if (line.length > 2000 || !(all || rng.chance(0.2))) return;
    const cr = line.endsWith('\r'), cells = (cr ? line.slice(0, -1) : line).split(/([,;\t ]+)/);
    const numeric = cells.flatMap((c, j) => (j % 2 === 0 && /^-?\d+\.\d+$/.test(c) ? [j] : []));
    if (numeric.length < 2) return;
    const [x, y] = numeric.slice(-2);
    [cells[x], cells[y]] = [cells[y], cells[x]];
    lines[i] = cells.join('') + (cr ? '\r' : '');
    picked.push(i + 1);
  });
  return { text: lines.join('\n'), did: `swap X/Y on ${all ? 'every point line' : `lines ${picked.join(',') || '(none)'}`}` };
});

const editLines = onText((text, rng, ctx) => {
  const lines = text.split(/(?<=\n)/), i = rng.int(0, Math.max(0, lines.length - 1));
  const op = rng.pick(['delete', 'duplicate', 'swap', 'long', 'eol', 'control'] as const);
  if (op === 'delete') lines.splice(i, 1);
  if (op === 'duplicate') lines.splice(i, 0, ...lines.slice(i, i + rng.int(1, 20)));
  if (op === 'swap') { const j = rng.int(0, lines.length - 1); [lines[i], lines[j]] = [lines[j], lines[i]]; }
  if (op === 'long') lines.splice(i, 0, `${'J1,1,'.repeat(rng.int(10, Math.min(100_000, ctx.maxBytes >> 4)))}\r\n`);
  if (op === 'control') lines[i] = `\u0000\u001a\u200b\ufeff${lines[i] ?? ''}`;
  const eol = rng.pick(['\r\n', '\n', '\r', '\u2028']);
  const out = op === 'eol' ? lines.join('').replace(/\r?\n|\r/g, eol) : lines.join('');
  return { text: out, did: op === 'eol' ? `line ends → ${JSON.stringify(eol)}` : `${op} line ${i + 1}` };
});

const ENCODINGS: [string, boolean][] = [['utf-8', false], ['utf-8', true], ['gbk', false], ['utf-16le', false], ['utf-16le', true], ['utf-16be', true], ['big5', false], ['shift_jis', false], ['latin1', false]];

/** Writes the text in another encoding (or garbles it: GBK bytes read as Latin-1, some lines in UTF-16). */
const reencode: Step = (bytes, rng) => {
  const t = decode(bytes), style = rng.pick(['whole', 'mojibake', 'mixed'] as const);
  if (style === 'mojibake') return { bytes: encode(Buffer.from(encode(t.text, 'gbk')).toString('latin1'), 'utf-8'), did: 'GBK bytes read as Latin-1, written as UTF-8' };
  const [encoding, bom] = rng.pick(ENCODINGS.filter(([e]) => style === 'whole' || e !== t.encoding));
  if (style === 'whole') return { bytes: encode(t.text, encoding, bom), did: `re-encode ${t.encoding} → ${encoding}${bom ? ' with BOM' : ''}` };
  const lines = t.text.split(/(?<=\n)/), from = rng.int(0, lines.length - 1);
  const parts = [encode(lines.slice(0, from).join(''), t.encoding, t.bom), encode(lines.slice(from).join(''), encoding, bom)];
  return { bytes: concat(...parts), did: `lines from ${from + 1} in ${encoding}${bom ? ' with BOM' : ''}, the rest ${t.encoding}` };
};

const TEXT_STEPS: Step[] = [replaceNumbers, replaceNumbers, swapColumns, editLines, reencode];

// ---- GeoJSON: structure --------------------------------------------------------------------------------------------

type JsonPath = (string | number)[];

/** Every path of the document down to depth 64 (deeper is left to text edits: walking it would take quadratic time). */
function jsonPaths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (at.length >= 64 || out.length > 50_000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) jsonPaths(v, [...at, k], out);
  return out;
}

const tooDeep = (doc: unknown) => jsonPaths(doc).some((p) => p.length >= 64);

const getAt = (root: any, path: JsonPath) => path.reduce((node, key) => node?.[key], root);

/** A JSON edit: the document is parsed, changed at a path, written again; `raw` tokens go in unquoted (NaN, 1e400, deep nests). */
const onJson = (edit: (doc: any, rng: Rng, ctx: MutationContext, raw: (text: string) => string) => { doc: any; did: string }): Step => (bytes, rng, ctx) => {
  const t = decode(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(t.text);
  } catch {
    return replaceNumbers(bytes, rng, ctx); // already broken: keep breaking it as text
  }
  if (tooDeep(doc)) return replaceNumbers(bytes, rng, ctx);
  const raws = new Map<string, string>();
  const raw = (text: string) => { const token = `@@raw${raws.size}@@`; raws.set(JSON.stringify(token), text); return token; };
  const result = edit(doc, rng, ctx, raw);
  let text = JSON.stringify(result.doc, null, rng.chance(0.3) ? 2 : undefined) ?? 'null';
  for (const [token, value] of raws) text = text.split(token).join(value);
  return { bytes: encode(text, t.encoding, t.bom), did: result.did };
};

/** Replaces the value at `path` (the root when empty). */
function setAt(doc: any, path: JsonPath, value: unknown): any {
  if (!path.length) return value;
  getAt(doc, path.slice(0, -1))[path[path.length - 1]] = value;
  return doc;
}

const showPath = (path: JsonPath) => (path.length ? path.join('.') : '(root)');

const WRONG_VALUES: [string, (rng: Rng, raw: (t: string) => string) => unknown][] = [
  ['null', () => null], ['true', () => true], ['a string', () => 'Polygon'], ['42', () => 42], ['{}', () => ({})], ['[]', () => []],
  ['[[]]', () => [[]]], ['-1', () => -1], ['1e308', () => 1e308], ['raw NaN', (_, raw) => raw('NaN')], ['raw 1e400', (_, raw) => raw('1e400')],
  ['raw -Infinity', (_, raw) => raw('-Infinity')], ['"NaN"', () => 'NaN'], ['[1e400,1e400]', (_, raw) => raw('[1e400,-1e400]')], ['[null,null]', () => [null, null]],
  ['a 10 000 char string', () => 'x'.repeat(10_000)], ['[1,2,3,4,5,6]', () => [1, 2, 3, 4, 5, 6]], ['{"type":"Polygon"}', () => ({ type: 'Polygon' })],
];

const wrongType = onJson((doc, rng, _ctx, raw) => {
  const path = rng.pick(jsonPaths(doc)), [kind, make] = rng.pick(WRONG_VALUES);
  return { doc: setAt(doc, path, make(rng, raw)), did: `${showPath(path)} := ${kind}` };
});

const deepNesting = onJson((doc, rng, _ctx, raw) => {
  const path = rng.pick(jsonPaths(doc)), depth = rng.pick([100, 1000, 10_000, 10_000, 50_000]), objects = rng.chance(0.3);
  const nest = objects ? `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}` : `${'['.repeat(depth)}${rng.pick(['', '0', '1,2'])}${']'.repeat(depth)}`;
  return { doc: setAt(doc, path, raw(nest)), did: `${showPath(path)} := ${depth} nested ${objects ? 'objects' : 'arrays'}` };
});

const MEMBERS = ['type', 'coordinates', 'geometry', 'features', 'properties', 'crs', 'bbox', 'geometries', 'id', '__proto__', 'constructor', 'toString', '宗地代码', 'declaredAreaM2'];

const dropOrAddMember = onJson((doc, rng, _ctx, raw) => {
  const containers = jsonPaths(doc).filter((p) => { const v = getAt(doc, p); return v && typeof v === 'object'; });
  const path = rng.pick(containers), node = getAt(doc, path);
  const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  if (rng.chance(0.5) && keys.length) {
    const key = rng.pick(keys);
    if (Array.isArray(node)) node.splice(Number(key), 1); else delete node[key];
    return { doc, did: `drop ${showPath([...path, key])}` };
  }
  const [kind, make] = rng.pick(WRONG_VALUES), value = make(rng, raw);
  if (Array.isArray(node)) { node.push(value); return { doc, did: `append ${kind} to ${showPath(path)}` }; }
  const key = rng.pick(MEMBERS);
  Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
  return { doc, did: `add ${showPath([...path, key])} = ${kind}` };
});

const GEOMETRY_TYPES = ['Point', 'LineString', 'MultiPolygon', 'GeometryCollection', 'polygon', 'Feature', '', 'Polygon'];
const CRS_NAMES = ['EPSG:4526', 'EPSG:4490', 'EPSG:4326', 'EPSG:2383', 'EPSG:99999', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:EPSG::4547', 'EPSG:', '4526', '', 'EPSG:3857'];

const typeOrCrs = onJson((doc, rng) => {
  if (rng.chance(0.5)) {
    const typed = jsonPaths(doc).filter((p) => p[p.length - 1] === 'type');
    if (typed.length) { const path = rng.pick(typed), type = rng.pick(GEOMETRY_TYPES); return { doc: setAt(doc, path, type), did: `${showPath(path)} := "${type}"` }; }
  }
  const name = rng.pick(CRS_NAMES);
  if (doc && typeof doc === 'object') doc.crs = { type: 'name', properties: { name } };
  return { doc, did: `crs := ${name}` };
});

/** Replaces one ring (or any array of positions) by many positions: a random walk, one repeated point, or a zigzag. */
const hugeCoordinates = onJson((doc, rng, ctx, raw) => {
  const rings = jsonPaths(doc).filter((p) => { const v = getAt(doc, p); return Array.isArray(v) && v.length > 0 && v.every((q) => Array.isArray(q) && typeof q[0] === 'number'); });
  const path = rings.length ? rng.pick(rings) : ['features', 0, 'geometry', 'coordinates', 0];
  const [e0, n0] = rings.length ? getAt(doc, path)[0] : [38430800, 3899300];
  const count = rng.int(100, Math.max(100, Math.floor(ctx.maxBytes / 40))), shape = rng.pick(['walk', 'same', 'zigzag'] as const);
  const positions: string[] = [];
  for (let i = 0, e = e0, n = n0; i < count; i++) {
    if (shape === 'walk') { e += rng.next() - 0.5; n += rng.next() - 0.5; }
    if (shape === 'zigzag') { e = e0 + (i % 2) * 50; n = n0 + i * 0.01; }
    positions.push(`[${e.toFixed(3)},${n.toFixed(3)}]`);
  }
  if (rng.chance(0.5)) positions.push(positions[0]);
  try { setAt(doc, path, raw(`[${positions.join(',')}]`)); } catch { /* the path is gone: leave the document as it is */ }
  return { doc, did: `${showPath(path)} := ${positions.length} positions (${shape})` };
});

/** Positions written [northing, easting] instead of [easting, northing]: all of them, or a few. */
const swapPositions = onJson((doc, rng) => {
  const positions = jsonPaths(doc).filter((p) => { const v = getAt(doc, p); return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number'; });
  const all = rng.chance(0.5), chosen = all ? positions : positions.filter(() => rng.chance(0.2));
  for (const p of chosen) { const v = getAt(doc, p); [v[0], v[1]] = [v[1], v[0]]; }
  return { doc, did: `swap easting/northing of ${all ? 'every position' : `${chosen.length} positions`}` };
});

const GEOJSON_STEPS: Step[] = [wrongType, wrongType, deepNesting, dropOrAddMember, dropOrAddMember, typeOrCrs, hugeCoordinates, replaceNumbers, swapPositions, reencode];

// ---- TXT header, CSV shape, DXF groups ---------------------------------------------------------------------------

const HEADER_VALUES = ['', '-', 'NaN', '1e400', '999', '0', '-38', '西安80坐标系', '1954北京坐标系', 'WGS84', '2000国家大地坐标系', '６', '3.5', '　', '\u0000'];

/** A `key=value` header line of the exchange TXT (坐标系, 带号, 几度分带, 精度…) given a wrong value. */
const txtHeader = onText((text, rng) => {
  const lines = text.split('\n'), keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[^,=]+=/.test(l));
  if (!keyed.length) return { text, did: 'header value (no header)' };
  const [line, i] = rng.pick(keyed), value = rng.pick(HEADER_VALUES);
  lines[i] = `${line.split('=')[0]}=${value}${line.endsWith('\r') ? '\r' : ''}`;
  return { text: lines.join('\n'), did: `header line ${i + 1} ${line.split('=')[0]} := ${JSON.stringify(value)}` };
});

const csvShape = onText((text, rng) => {
  const op = rng.pick(['delimiter', 'quote', 'header'] as const);
  if (op === 'delimiter') { const d = rng.pick([';', ',', '\t', ' ', '|', '，']); return { text: text.replace(/[;,\t]/g, d), did: `delimiter → ${JSON.stringify(d)}` }; }
  if (op === 'quote') { const at = rng.int(0, text.length); return { text: `${text.slice(0, at)}"${text.slice(at)}`, did: `unbalanced quote at char ${at}` }; }
  const [head, ...rest] = text.split('\n'), cells = head.split(/([;,\t])/), i = 2 * rng.int(0, Math.max(0, (cells.length - 1) >> 1));
  cells[i] = rng.pick(['', 'X', 'Y', 'ring', '点号', '"', 'northing', 'easting']);
  return { text: [cells.join(''), ...rest].join('\n'), did: `header cell ${i / 2 + 1} := ${JSON.stringify(cells[i])}` };
});

// 90 (an LWPOLYLINE's vertex count) and huge counts are in: the reader refuses a count that does not match the vertices.
const GROUP_CODES = ['-1', '999', '1071', '1e5', 'abc', '', ' 10 20', '99999999999999999999', '0', '10', '20', '70', '90', '-5'];

/** DXF group pairs: a random group code, an odd line count, a vertex count lie, copied entities, no EOF, a wrong codepage. */
const dxfGroups = onText((text, rng) => {
  const eol = text.includes('\r\n') ? '\r\n' : '\n', lines = text.split(/\r?\n/);
  const op = rng.pick(['code', 'code', 'odd', 'count', 'entities', 'end', 'codepage'] as const);
  let did = op as string;
  if (op === 'code') { const i = 2 * rng.int(0, (lines.length >> 1) - 1), code = rng.pick(GROUP_CODES); lines[i] = code; did = `group code line ${i + 1} := ${JSON.stringify(code)}`; }
  if (op === 'odd') {
    const i = rng.int(0, lines.length - 1);
    if (rng.chance(0.5)) { lines.splice(i, 1); did = `delete line ${i + 1} (odd line count)`; } else { lines.splice(i, 0, rng.pick(['  0', 'POLYLINE', '', '10'])); did = `insert one line at ${i + 1} (odd line count)`; }
  }
  if (op === 'count') {
    const counts = lines.map((l, i) => [l.trim(), i] as const).filter(([l]) => l === '90' || l === '70' || l === '66').map(([, i]) => i);
    const i = counts.length ? rng.pick(counts) : 0, value = rng.pick(['-1', '0', 'NaN', '1.5', 'abc', '3', '3899250', '2147483647']);
    lines[i + 1] = value;
    did = `value of group ${lines[i]?.trim()} at line ${i + 2} := ${value}`;
  }
  if (op === 'entities') {
    const start = lines.findIndex((l) => l.trim() === 'ENTITIES') + 1, end = lines.findIndex((l, i) => i > start && l.trim() === 'ENDSEC') - 1;
    const block = lines.slice(start, Math.max(start, end)), times = rng.int(2, 100);
    lines.splice(start, 0, ...Array.from({ length: times }, () => block).flat());
    did = `entities copied ${times} times`;
  }
  if (op === 'end') { const keep = lines.filter((l) => !/^(EOF|ENDSEC)$/.test(l.trim())); did = `drop ${lines.length - keep.length} ENDSEC/EOF lines`; lines.splice(0, lines.length, ...keep); }
  if (op === 'codepage') { const i = lines.findIndex((l) => l.trim() === '$DWGCODEPAGE'), cp = rng.pick(['ANSI_99999', 'UTF-16', '', 'ANSI_1252', 'ANSI_936\u0000']); if (i >= 0) lines[i + 2] = cp; did = `$DWGCODEPAGE := ${JSON.stringify(cp)}`; }
  return { text: lines.join(eol), did };
});

const TXT_STEPS: Step[] = [...TEXT_STEPS, txtHeader];
const CSV_STEPS: Step[] = [...TEXT_STEPS, csvShape];
const DXF_STEPS: Step[] = [dxfGroups, dxfGroups, dxfGroups, replaceNumbers, editLines, reencode];

// ---- zipped shapefiles -------------------------------------------------------------------------------------------

/** An edit of the unzipped layer, zipped again with fflate (stored or deflated); an unreadable zip gets its bits flipped instead. */
const onZip = (edit: (files: Record<string, Uint8Array>, rng: Rng, ctx: MutationContext) => string): Step => (bytes, rng, ctx) => {
  let files: Record<string, Uint8Array>;
  try {
    // a damaged header may declare any size: entries larger than the seeds' own are not inflated
    files = unzipSync(bytes, { filter: (entry) => entry.originalSize <= 1 << 16 && entry.size <= 1 << 16 });
  } catch {
    return flipBits(bytes, rng, ctx);
  }
  const did = edit(files, rng, ctx), level = rng.pick([0, 6] as const);
  return { bytes: zipSync(files, { level }), did: `${did} (re-zipped, level ${level})` };
};

const entryOf = (files: Record<string, Uint8Array>, rng: Rng, ext: RegExp) => {
  const names = Object.keys(files).filter((n) => ext.test(n));
  return names.length ? rng.pick(names) : rng.pick(Object.keys(files).length ? Object.keys(files) : ['plots.shp']);
};

const innerBytes = onZip((files, rng, ctx) => {
  const name = entryOf(files, rng, /\.(shp|shx|dbf)$/i), step = rng.pick(BYTE_STEPS.filter((s) => s !== splice));
  const { bytes, did } = step(files[name] ?? new Uint8Array(), rng, ctx);
  files[name] = bytes;
  return `${name}: ${did}`;
});

const NUMBERS_64 = [NaN, Infinity, -Infinity, 1e308, -1e308, 0, 5e-324, 38430800e6];
const NUMBERS_32 = [0x7fffffff, -1, 0, 1_000_000, -2147483648, 65536];

/** A float64 (coordinates, bounding boxes) or an int32 (lengths, counts, shape types) in .shp/.shx/.dbf overwritten. */
const innerNumbers = onZip((files, rng) => {
  const name = entryOf(files, rng, /\.(shp|shx|dbf)$/i), data = Buffer.from(files[name] ?? new Uint8Array(16));
  if (data.length < 8) return `${name}: too short for a number`;
  const wide = rng.chance(0.5), at = rng.int(0, data.length - (wide ? 8 : 4)), little = rng.chance(0.5);
  const value = wide ? rng.pick(NUMBERS_64) : rng.pick(NUMBERS_32);
  if (wide) data.writeDoubleLE(value, at); else if (little) data.writeInt32LE(value, at); else data.writeInt32BE(value, at);
  files[name] = new Uint8Array(data);
  return `${name}: ${wide ? 'float64' : little ? 'int32 LE' : 'int32 BE'} at ${at} := ${value}`;
});

const PRJ_TEXTS = ['', 'garbage', 'PROJCS["Xian_1980_3_Degree_GK_Zone_38"]', 'GEOGCS["GCS_WGS_1984"]', 'PROJCS["CGCS2000_3_Degree_GK_Zone_99"]', 'PROJCS["CGCS2000_6_Degree_GK_CM_999E"]',
  'PROJCS["x",AUTHORITY["EPSG","999999"]]', 'PROJCS["CGCS2000_3_Degree_GK_CM_0E"]', 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]', '\u0000\u0001\u0002', 'PROJCS["'.repeat(1000)];
const CPG_TEXTS = ['', 'UTF-16', 'EBCDIC', 'xyz', '\u0000', 'UTF-7', 'CP1252', 'ANSI 99999', 'utf8mb4', '65001', 'GB18030', 'big5', '../../etc/passwd', ' '.repeat(1000)];

const prjOrCpg = onZip((files, rng) => {
  const prj = rng.chance(0.5), base = (Object.keys(files).find((n) => /\.shp$/i.test(n)) ?? 'plots.shp').replace(/\.shp$/i, '');
  const text = rng.pick(prj ? PRJ_TEXTS : CPG_TEXTS);
  files[`${base}.${prj ? 'prj' : 'cpg'}`] = new Uint8Array(Buffer.from(text, 'utf8'));
  return `${base}.${prj ? 'prj' : 'cpg'} := ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '…' : ''}`;
});

const zipEntries = onZip((files, rng) => {
  const names = Object.keys(files), name = names.length ? rng.pick(names) : 'plots.shp', op = rng.pick(['drop', 'rename', 'copy', 'junk', 'empty'] as const);
  if (op === 'drop') { delete files[name]; return `drop ${name}`; }
  if (op === 'rename') { const to = rng.pick([name.toUpperCase(), `a/b/${name}`, name.replace(/\.\w+$/, '.bak'), `other${name.slice(name.lastIndexOf('.'))}`]); files[to] = files[name]; delete files[name]; return `rename ${name} → ${to}`; }
  if (op === 'copy') { for (const n of names) files[`second-${n}`] = files[n]; return 'a second layer'; }
  if (op === 'junk') { files[`__MACOSX/._${name}`] = new Uint8Array(64); files['readme.txt'] = new Uint8Array(Buffer.from('[地块坐标]')); return 'junk entries'; }
  for (const n of names) delete files[n];
  return 'no entries';
});

const SHP_STEPS: Step[] = [innerBytes, innerBytes, innerNumbers, innerNumbers, prjOrCpg, zipEntries, flipBits, truncate];

const STEPS: Record<SeedFormat, Step[]> = { txt: TXT_STEPS, geojson: GEOJSON_STEPS, csv: CSV_STEPS, dxf: DXF_STEPS, shp: SHP_STEPS };
const EXTENSIONS: Record<SeedFormat, string> = { txt: '.txt', geojson: '.geojson', csv: '.csv', dxf: '.dxf', shp: '.zip' };
const WRONG_EXTENSIONS = ['.txt', '.geojson', '.json', '.csv', '.dxf', '.zip', '.shp', '.bin', '', '.TXT'];
export const FORMATS: readonly SeedFormat[] = ['txt', 'geojson', 'csv', 'dxf', 'shp'];

/**
 * Mutant `index` of the run seeded `seed`: formats in turn, a seed file of that format, one to three steps
 * (mostly the format's own, some on raw bytes), cut to `maxBytes`, named with its extension (or, one in eight, another).
 */
export function mutate(seed: number, index: number, ctx: MutationContext): Mutant {
  const rng = new Rng(caseSeed(seed, index)), format = FORMATS[index % FORMATS.length];
  const start = rng.pick(ctx.seeds.filter((s) => s.format === format));
  const steps = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3, did: string[] = [];
  let bytes = start.bytes;
  for (let n = 0; n < steps; n++) {
    const step = rng.chance(0.25) ? rng.pick(BYTE_STEPS) : rng.pick(STEPS[format]);
    try {
      const out = step(bytes, rng, ctx);
      bytes = out.bytes;
      did.push(out.did);
    } catch (err) {
      const out = flipBits(bytes, rng, ctx);
      did.push(`(step failed: ${(err as Error).message}) ${out.did}`);
      bytes = out.bytes;
    }
    if (bytes.length > ctx.maxBytes) { did.push(`cut to ${ctx.maxBytes} bytes`); bytes = bytes.slice(0, ctx.maxBytes); }
  }
  const ext = rng.chance(0.875) ? EXTENSIONS[format] : rng.pick(WRONG_EXTENSIONS);
  const name = `${start.name.replace(/\.\w+$/, '')}-${index}${ext}`;
  return { name, bytes, format, description: `${start.name}: ${did.join('; ')} → ${name} (${bytes.length} bytes)` };
}
