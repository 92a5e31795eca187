// Vector tiles of parcels and results: MVT content, ETags that change exactly with what a tile shows, 304s, and the
// same features and attributes whether PostGIS (ST_AsMVT) or the hub (geojson-vt + vt-pbf) encodes the tile.
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { sql } from '../../server/db/sql-files';
import { detectCapabilities } from '../../server/services/health.service';
import { encodeTile, TILE_BUFFER, TILE_EXTENT } from '../../server/ogc/tiles.service';
import { expectedEngine, freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { freeCell, landSupplySubmission, samplePlotAt } from '../support/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.stop());

/** The WebMercatorQuad tile at zoom z holding lon/lat. */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

/**
 * Cells of this file alone, 10 km west of the shared test grid (still in 孟州): other test files accept results in the
 * shared grid at any moment on a server, and a tile covering them would change under this file's feet.
 */
let ownCells = 0;
const ownCell = (): [number, number] => [-51_300 + (ownCells % 4) * 100, -34_300 - Math.floor(ownCells++ / 4) * 100];

async function submitted(parcelCode = freshParcelCode(), cell: [number, number] = freeCell()) {
  const r = await hub.request('POST', '/api/surveys', landSupplySubmission(parcelCode, { features: samplePlotAt(...cell) }));
  const [lon, lat] = r.body.geometry4490.coordinates[0][0];
  return { id: r.body.id as string, parcelCode, lon, lat };
}
const accept = (id: string) => hub.request('POST', `/api/surveys/${id}/review`, { decision: 'accept' });

const tile = (collection: string, [z, x, y]: number[], headers: Record<string, string> = {}) =>
  fetch(`${hub.url}/ogc/collections/${collection}/tiles/WebMercatorQuad/${z}/${x}/${y}`, { headers: { cookie: hub.cookie, ...headers } })
    .then(async (r) => ({ status: r.status, etag: r.headers.get('etag'), type: r.headers.get('content-type'), bytes: new Uint8Array(await r.arrayBuffer()) }));

function decoded(bytes: Uint8Array, layer: string) {
  const l = new VectorTile(new Pbf(bytes)).layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i);
    const pts = f.loadGeometry().flat();
    return { properties: f.properties, type: f.type, box: [Math.min(...pts.map((p) => p.x)), Math.min(...pts.map((p) => p.y)), Math.max(...pts.map((p) => p.x)), Math.max(...pts.map((p) => p.y))] };
  });
}

it('serves the parcels in force as a Mapbox Vector Tile with their code, stage and status, and answers 304 to its ETag', async () => {
  const s = await submitted(freshParcelCode(), ownCell());
  await accept(s.id);
  const at = tileOf(s.lon, s.lat, 16);
  const first = await tile('parcels', at);
  expect([first.status, first.type]).toEqual([200, 'application/vnd.mapbox-vector-tile']);
  expect(decoded(first.bytes, 'parcels').map((f) => f.properties)).toContainEqual(expect.objectContaining({ parcelCode: s.parcelCode, establishedBy: s.id, stage: 'land_supply', status: 'accepted' }));
  expect(first.etag).toMatch(/^"[\w-]+"$/);
  expect((await tile('parcels', at, { 'if-none-match': first.etag! })).status).toBe(304);
  const metadata = await hub.request('GET', '/ogc/collections/parcels/tiles');
  expect(metadata.body.tilesets[0].links.find((l: any) => l.rel === 'item').href).toMatch(/\/tiles\/WebMercatorQuad\/\{tileMatrix\}\/\{tileCol\}\/\{tileRow\}$/);
  expect((await tile('units', at)).status).toBe(404);
  expect((await tile('parcels', [3, 9, 0])).status).toBe(404);
});

it('changes a tile\'s ETag when a result covering it is accepted, and not for a submission or a decision elsewhere', async () => {
  const neighbour = await submitted(freshParcelCode(), ownCell());
  await accept(neighbour.id);
  const at = tileOf(neighbour.lon, neighbour.lat, 13); // this file's cells, and no other file's, lie in one z13 tile
  const before = await tile('parcels', at);
  const beforeResults = await tile('results', at);

  const elsewhere = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { features: samplePlotAt(200_000, 200_000) }));
  await accept(elsewhere.body.id);
  const pending = await submitted(freshParcelCode(), ownCell());
  expect(tileOf(pending.lon, pending.lat, 13)).toEqual(at);
  expect((await tile('parcels', at, { 'if-none-match': before.etag! })).status).toBe(304);
  const submittedResults = await tile('results', at);
  expect(submittedResults.etag).not.toBe(beforeResults.etag); // the results layer shows submissions

  await accept(pending.id);
  const after = await tile('parcels', at);
  expect(after.status).toBe(200);
  expect(after.etag).not.toBe(before.etag);
  expect(decoded(after.bytes, 'parcels').map((f) => f.properties.parcelCode)).toContain(pending.parcelCode);
  const results = decoded((await tile('results', at)).bytes, 'results').find((f) => f.properties.surveyId === pending.id);
  expect(results?.properties).toMatchObject({ status: 'accepted', superseded: false });
});

it('hides another organisation\'s unreviewed result from a surveyor\'s results tile', async () => {
  const pending = await submitted();
  const other = await hub.login(['surveyor'], { organisation: '另一家测绘公司' });
  const at = tileOf(pending.lon, pending.lat, 15);
  const theirs = await tile('results', at, { cookie: other.cookie });
  expect(decoded(theirs.bytes, 'results').map((f) => f.properties.surveyId)).not.toContain(pending.id);
  expect(decoded((await tile('results', at)).bytes, 'results').map((f) => f.properties.surveyId)).toContain(pending.id);
});

const engineHasMvt = expectedEngine === 'postgresql';
it(engineHasMvt
  ? 'encodes the same features and attributes with ST_AsMVT as the hub encodes from the same rows'
  : 'has no ST_AsMVT on the embedded engine, so the hub encodes tiles itself (compared with ST_AsMVT on the server run)', async () => {
  const capabilities = await detectCapabilities(hub.pool, hub.engine);
  expect(capabilities.mvt).toBe(engineHasMvt);
  const s = await submitted(freshParcelCode(), ownCell());
  await accept(s.id);
  const [z, x, y] = tileOf(s.lon, s.lat, 13);
  const params = [z, x, y, TILE_BUFFER / TILE_EXTENT, null, null];
  const rows = sql('ogc-tile-geojson').replace('/*ROWS*/', sql('ogc-tile-parcels'));
  const hubTile = decoded(encodeTile('parcels', (await hub.pool.query(rows, params)).rows, z, x, y), 'parcels');
  expect(hubTile.map((f) => f.properties.parcelCode)).toContain(s.parcelCode);
  if (!engineHasMvt) return;
  const mvt = (await hub.pool.query(sql('ogc-tile-mvt').replace('/*ROWS*/', sql('ogc-tile-parcels')), [...params, 'parcels'])).rows[0].tile;
  const postgisTile = decoded(mvt, 'parcels');
  const byCode = (fs: ReturnType<typeof decoded>) => fs.sort((a, b) => String(a.properties.parcelCode).localeCompare(String(b.properties.parcelCode)));
  expect(byCode(postgisTile).map((f) => f.properties)).toEqual(byCode(hubTile).map((f) => f.properties));
  byCode(postgisTile).forEach((f, i) => {
    expect(f.type).toBe(hubTile[i].type);
    f.box.forEach((v, k) => expect(Math.abs(v - hubTile[i].box[k])).toBeLessThanOrEqual(1));
  });
});

it('changes the parcels tile\'s ETag when a covered parcel\'s lineage changes: a split retires the old parcel from the tile', async () => {
  const cell = freeCell();
  /** A w × h m rectangle whose north-west corner is the sample plot's J1 moved by `cell` (and dE m east), EPSG:4526. */
  const rect = (w: number, h: number, dE = 0) => {
    const [e0, n0] = [38430800 + cell[0] + dE, 3899300 + cell[1]];
    const ring = [[e0, n0], [e0 + w, n0], [e0 + w, n0 - h], [e0, n0 - h], [e0, n0]];
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { pointNumbers: [['J1', 'J2', 'J3', 'J4']] }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
  };
  const submitAccept = async (code: string, extra: Record<string, unknown>) => {
    const r = await hub.request('POST', '/api/surveys', landSupplySubmission(code, extra));
    await accept(r.body.id);
    return r.body;
  };
  const old = freshParcelCode();
  const first = await submitAccept(old, { features: rect(80, 50), declaredAreaM2: 4000 });
  const [a, b] = [freshParcelCode(), freshParcelCode()];
  await submitAccept(a, { surveyedOn: '2025-08-01', features: rect(40, 50), declaredAreaM2: 2000, predecessorCodes: [old] });
  await submitAccept(b, { surveyedOn: '2025-08-01', features: rect(40, 50, 40), declaredAreaM2: 2000, predecessorCodes: [old] });
  const [lon, lat] = first.geometry4490.coordinates[0][0];
  const at = tileOf(lon, lat, 16);
  const before = await tile('parcels', at);
  expect(decoded(before.bytes, 'parcels').map((f) => f.properties.parcelCode)).toEqual(expect.arrayContaining([old, a, b]));
  const split = await hub.request('POST', '/api/parcel-lineage', { kind: 'split', predecessors: [old], successors: [a, b], changeNo: '焦变更(2026)12号' });
  expect(split.status).toBe(201);
  const after = await tile('parcels', at, { 'if-none-match': before.etag! });
  expect(after.status).toBe(200);
  expect(after.etag).not.toBe(before.etag);
  const codes = decoded(after.bytes, 'parcels').map((f) => f.properties.parcelCode);
  expect(codes).toEqual(expect.arrayContaining([a, b]));
  expect(codes).not.toContain(old);
});
