// Deterministic hostile HTTP requests for the fuzz test: any route of the table with mutated headers, cookies, query
// strings, JSON bodies and multipart framing. One seed and one case number always give the same request.
import { caseSeed, Rng } from './mutate';
import { multipartBody, type RawRequest } from './raw-http';
import type { Route } from '../../server/routes/route';

export type HttpFuzzKind = 'headers' | 'query' | 'multipart' | 'body';
export const HTTP_FUZZ_KINDS: readonly HttpFuzzKind[] = ['headers', 'query', 'multipart', 'body'];

/** What a case may use: the routes, a live session cookie, and a small survey file for multipart bodies. */
export interface HttpFuzzContext {
  routes: Route[];
  cookie: string;
  file: Uint8Array;
}

export interface HttpMutant { kind: HttpFuzzKind; route: string; request: RawRequest; description: string }

/** Parcel codes with 地籍区 000, which test/support/test-hub.ts freshParcelCode never makes: fuzzed writes touch no other test's parcels. */
const PARCEL = '410883000000GB90001';
const GARBAGE = ['', ' ', '%00', '%', '%E0%A4%A', '%ZZ', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(3000), '%F0%9F%98%80', '%E2%80%AE', "'%20OR%201=1--", '%3Cscript%3E', '1e309', '-1', '0',
  'null', '%5B%5D', 'NaN', '%0D%0ASet-Cookie:%20x=1', '410883000000GB9000', '410883000000gb90001', '00000000-0000-0000-0000-000000000000', '%C0%AF', '9'.repeat(40)];
const PATH_VALUES: Record<string, string[]> = {
  parcelCode: [PARCEL, '410883000000GB90002', '410802000000GB90003'],
  id: ['6f1c1f5e-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000000'],
  unitCode: [`${PARCEL}F00010001`, `${PARCEL}F99999999`],
};
const HEADER_VALUES = ['', ' ', 'null', 'http://evil.example', 'http://127.0.0.1', 'cross-site', 'same-site', 'same-origin', 'none', 'x'.repeat(6000), '\u00ff\u00fe', '"', ';', '=', '*/*', 'gzip, br', 'chunked', '-1', '99999999999999999999'];
const HEADER_NAMES = ['origin', 'sec-fetch-site', 'sec-fetch-mode', 'referer', 'accept', 'accept-encoding', 'content-encoding', 'content-type', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'range', 'if-none-match', 'if-match'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-16', 'application/json; charset=x-unknown', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data',
  'multipart/form-data; boundary=', 'multipart/mixed; boundary=b', 'application/octet-stream', '', ';;;', 'application/merge-patch+json', 'application/json; boundary=b'];
const COOKIES = (real: string) => [real, 'hub_session=%E0%A4%A', 'hub_session=', 'hub_session', `${real}; ${real}x`, `hub_session=x; ${real}`, '=;;;=', 'hub_session="quoted"',
  `hub_session=${'A'.repeat(4000)}`, 'a=%; b=%%; hub_session=%GG', `${real.replace(/.$/, '_')}`, 'hub_session=\u00e9'];
const BEARERS = ['Bearer ', 'Bearer x', 'Basic YWRtaW46YWRtaW4=', 'Bearer ' + 'A'.repeat(500), 'bearer  spaced  token', 'Token abc', 'Bearer %00'];
const QUERY_VALUES = ['', '1', '-1', '0', '1e3', '99999999999', 'abc', '%00', 'a%00b', '%E0%A4%A', '%', 'csv', 'txt', 'json', 'html', 'gbk', 'utf-8', 'x'.repeat(2500),
  '112,34,113,35', '1,2,3', 'NaN,NaN,NaN,NaN', '-180,-90,180,90', '2025-02-30', '2025-01-15', 'submitted', 'accepted', PARCEL, '%0D%0A', '%E2%80%A8', '%2C%2C%2C', 'true'];

const encode = (rng: Rng, value: string) => (value.includes('%') || rng.chance(0.3) ? value : encodeURIComponent(value));

function pathOf(route: Route, rng: Rng): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (rng.chance(0.7) ? rng.pick(PATH_VALUES[name] ?? ['x']) : rng.pick(GARBAGE)));
}

/** A query string from the route's parameters (and strangers): arrays, objects, NUL, repeats, odd percent escapes. */
function queryOf(route: Route, rng: Rng): { query: string; did: string } {
  const names = [...(route.params ?? []).filter((p) => p.in === 'query').map((p) => p.name), 'q', 'limit', 'x', '__proto__', 'constructor'];
  const pairs: string[] = [];
  for (let n = rng.int(1, 5); n > 0; n--) {
    const name = rng.pick(names), value = encode(rng, rng.pick(QUERY_VALUES));
    const shape = rng.pick(['plain', 'plain', 'plain', 'array', 'index', 'object', 'repeat', 'bare'] as const);
    if (shape === 'plain') pairs.push(`${name}=${value}`);
    if (shape === 'array') pairs.push(`${name}[]=${value}`, `${name}[]=${value}`);
    if (shape === 'index') pairs.push(`${name}[0]=${value}`);
    if (shape === 'object') pairs.push(`${name}[a][b]=${value}`);
    if (shape === 'repeat') pairs.push(`${name}=${value}`, `${name}=${encode(rng, rng.pick(QUERY_VALUES))}`);
    if (shape === 'bare') pairs.push(name);
  }
  const query = rng.chance(0.1) ? pairs.join('&').replace(/=/g, '==') : pairs.join('&');
  return { query, did: `query ${query.slice(0, 120)}` };
}

/** A JSON body for the route: a few members of the kind its schema wants, with wrong types and odd values mixed in. */
function jsonBody(rng: Rng): { body: Buffer; did: string } {
  const values = [null, true, 0, -1, 1e308, 'x', '', '\u0000', 'a'.repeat(5000), [], {}, [1, [2, [3]]], { type: 'FeatureCollection', features: [] }, '2025-01-15', 'accept', 'reject', 'EPSG:4526', PARCEL];
  const members = ['decision', 'note', 'username', 'password', 'roles', 'kind', 'stage', 'parcelCode', 'organisation', 'surveyedOn', 'crs', 'precisionClass', 'features', 'units', 'name', 'countyCodes', 'applicationNo', 'purpose', 'location', '__proto__'];
  const doc: Record<string, unknown> = {};
  for (let n = rng.int(0, 6); n > 0; n--) doc[rng.pick(members)] = rng.pick(values);
  let text = JSON.stringify(doc);
  const op = rng.pick(['as is', 'as is', 'truncate', 'not json', 'deep', 'array'] as const);
  if (op === 'truncate') text = text.slice(0, rng.int(0, text.length));
  if (op === 'not json') text = rng.pick(['{', 'undefined', "{'a':1}", '\u0000', '[1,]', '{"a":1}{"b":2}', '\ufeff{}']);
  if (op === 'deep') text = '['.repeat(rng.int(100, 5000)) + ']'.repeat(rng.int(0, 5000));
  if (op === 'array') text = '[]';
  return { body: Buffer.from(text), did: `json ${op}: ${text.slice(0, 80)}` };
}

/** A multipart body with its framing damaged: cut, unclosed, another boundary, LF only, parts without headers… */
function multipart(rng: Rng, file: Uint8Array): { body: Buffer; contentType: string; did: string; hangUpAfter?: number; chunked?: boolean } {
  const boundary = rng.pick(['b', 'hub-fuzz-7d91', '-'.repeat(70), 'a b', '"q"', 'x'.repeat(200)]);
  const fields: Record<string, string | number> = { stage: 'land_supply', kind: '勘测定界', parcelCode: PARCEL, organisation: '焦作市测试测绘有限公司', surveyedOn: '2025-01-15', precisionClass: 1 };
  if (rng.chance(0.3)) fields[rng.pick(['crs', 'decision', 'x', '__proto__', 'units', 'supersedes'])] = rng.pick(['EPSG:4526', 'reject', '[', '1', '\u0000', '%00']);
  const hasFile = rng.chance(0.85);
  let body = multipartBody(boundary, fields, hasFile ? { name: rng.pick(['plot.txt', 'plot.zip', '', '../../x.txt', '地块.txt', 'a"b.txt']), bytes: file, field: rng.chance(0.9) ? 'file' : 'other' } : undefined);
  let contentType = `multipart/form-data; boundary=${boundary.includes(' ') || boundary.includes('"') ? `"${boundary.replace(/"/g, '')}"` : boundary}`;
  const op = rng.pick(['cut', 'cut', 'unclosed', 'other boundary', 'no boundary', 'lf only', 'no part headers', 'two files', 'preamble', 'flip', 'many fields', 'hang up', 'chunked', 'header garbage', 'intact'] as const);
  let hangUpAfter: number | undefined, chunked: boolean | undefined;
  const text = () => body.toString('latin1');
  const from = (s: string) => Buffer.from(s, 'latin1');
  if (op === 'cut') body = body.subarray(0, rng.int(0, body.length - 1));
  if (op === 'unclosed') body = from(text().replace(new RegExp(`--${boundary.replace(/[^\w]/g, '\\$&')}--\\r\\n$`), ''));
  if (op === 'other boundary') contentType = 'multipart/form-data; boundary=not-the-one';
  if (op === 'no boundary') contentType = rng.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=""', 'multipart/form-data; charset=utf-8']);
  if (op === 'lf only') body = from(text().replace(/\r\n/g, '\n'));
  if (op === 'no part headers') body = from(text().replace(/Content-Disposition: [^\r]*\r\n/, rng.pick(['', 'Content-Disposition: form-data\r\n', 'Content-Disposition: form-data; name=\r\n', 'X: y\r\n'])));
  if (op === 'two files') body = Buffer.concat([body.subarray(0, body.length - boundary.length - 6), multipartBody(boundary, {}, { name: 'again.txt', bytes: file })]);
  if (op === 'preamble') body = Buffer.concat([from('garbage before\r\n'), body, from('garbage after')]);
  if (op === 'flip') for (let n = rng.int(1, 8); n > 0; n--) { const at = rng.int(0, Math.min(body.length - 1, 600)); body[at] ^= 1 << rng.int(0, 7); }
  if (op === 'many fields') body = multipartBody(boundary, Object.fromEntries(Array.from({ length: rng.int(41, 200) }, (_, i) => [`f${i}`, 'v'])), { name: 'plot.txt', bytes: file });
  if (op === 'hang up') hangUpAfter = rng.int(0, body.length - 1);
  if (op === 'chunked') chunked = true;
  if (op === 'header garbage') body = from(text().replace('\r\n\r\n', `\r\n${rng.pick(['Content-Type: ', 'A'.repeat(20000), ':', 'Content-Disposition: form-data; name*=UTF-8\'\'%E0%A4%A'])}\r\n\r\n`));
  return { body, contentType, did: `multipart ${op} (boundary ${boundary.slice(0, 12)}, ${body.length} bytes)`, hangUpAfter, chunked };
}

/** Header mutations on any request: an odd cookie or token, and a few odd headers. */
function headersOf(rng: Rng, cookie: string): { headers: Record<string, string>; did: string[] } {
  const headers: Record<string, string> = {}, did: string[] = [];
  // mostly the live session, so most cases get past authentication to the query and body checks
  const auth = rng.pick(['cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'cookie', 'odd cookie', 'bearer', 'none'] as const);
  if (auth === 'cookie') headers.cookie = cookie;
  if (auth === 'odd cookie') { headers.cookie = rng.pick(COOKIES(cookie)); did.push(`cookie ${headers.cookie.slice(0, 40)}`); }
  if (auth === 'bearer') { headers.authorization = rng.pick(BEARERS); did.push(`authorization ${headers.authorization.slice(0, 30)}`); }
  for (let n = rng.chance(0.5) ? 0 : rng.int(1, 3); n > 0; n--) {
    const name = rng.pick(HEADER_NAMES), value = rng.pick(HEADER_VALUES);
    headers[name] = value;
    did.push(`${name}: ${value.slice(0, 30)}`);
  }
  return { headers, did };
}

/**
 * Case `index` of a run seeded `seed`: the kinds in turn (headers, query, multipart, body), a route of the table (a
 * multipart route for multipart cases), then the mutations of that kind and a few of the others.
 */
export function mutateRequest(seed: number, index: number, ctx: HttpFuzzContext): HttpMutant {
  const rng = new Rng(caseSeed(seed ^ 0x5eed, index)), kind = HTTP_FUZZ_KINDS[index % HTTP_FUZZ_KINDS.length];
  // logging the shared session out would turn the rest of the run into 401s: DELETE /api/session only with odd cookies
  const candidates = ctx.routes.filter((r) => (kind === 'multipart' ? r.body?.multipart : kind === 'body' ? r.body || r.method !== 'get' : true));
  const route = rng.pick(candidates);
  const { headers, did } = headersOf(rng, ctx.cookie);
  if (route.operationId === 'logOut' && headers.cookie?.includes(ctx.cookie.split('=')[1])) headers.cookie = 'hub_session=not-the-fuzz-session';
  const { query, did: queryDid } = kind === 'query' || rng.chance(0.2) ? queryOf(route, rng) : { query: '', did: '' };
  const request: RawRequest = { method: route.method.toUpperCase(), path: pathOf(route, rng) + (query ? `?${query}` : ''), headers, timeoutMs: 15_000 };
  if (queryDid) did.push(queryDid);
  if (kind === 'multipart' || (kind === 'headers' && route.body?.multipart && rng.chance(0.5))) {
    const m = multipart(rng, ctx.file);
    Object.assign(request, { body: m.body, hangUpAfter: m.hangUpAfter, chunked: m.chunked });
    headers['content-type'] ??= m.contentType;
    did.push(m.did);
  } else if (kind === 'body' || (route.method !== 'get' && rng.chance(0.5))) {
    const j = jsonBody(rng);
    request.body = j.body;
    headers['content-type'] ??= rng.chance(0.8) ? 'application/json' : rng.pick(CONTENT_TYPES);
    did.push(j.did);
  }
  return { kind, route: `${route.method.toUpperCase()} ${route.path}`, request, description: `${route.method.toUpperCase()} ${request.path.slice(0, 160)} — ${did.join('; ') || 'no mutation'}` };
}
