// Data for a browser test made through the hub's API, as the people who would make it: a surveyor submits, a reviewer
// accepts, a registrar records lineage — each an API session of its own (playwright's request context, no page).
import { request, type APIRequestContext } from 'playwright-core';
import { hubUrl } from './browser';

export type Api = APIRequestContext;

/** An API session logged in as a demo account. */
export async function apiAs(username: string): Promise<Api> {
  const api = await request.newContext({ baseURL: hubUrl() });
  const res = await api.post('/api/session', { data: { username, password: 'demo' } });
  if (!res.ok()) throw new Error(`log-in as ${username}: ${res.status()} ${await res.text()}`);
  return api;
}

/** The JSON answer of a request that must succeed with `status`; a failure names the hub's error. */
export async function expectOk<T = any>(answer: Promise<Awaited<ReturnType<Api['get']>>>, status = 200): Promise<T> {
  const res = await answer;
  const body = (await res.json()) as { code?: string; message?: string } | null;
  if (res.status() !== status) throw new Error(`${res.url()}: ${res.status()} ${body?.code ?? ''} ${body?.message ?? ''}`);
  return body as T;
}

/**
 * A 孟州 (410883) parcel code in the 90000–99999 range the demo data leaves to tests, with a random 地籍区/子区 so runs
 * stay apart (as test/support/test-hub.ts freshParcelCode does).
 */
export function testParcelCode(): string {
  const n = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return `410883${pad(n(1, 999), 3)}${pad(n(1, 999), 3)}GB${n(90000, 99999)}`;
}

/**
 * The north-west corner (easting, northing in EPSG:4526) of a random 150 m cell of a 3 km square in 孟州 (about
 * 112.83–112.87°E, 34.93–34.96°N, inside the county, 5 km north-east of the demo parcels), so test plots overlap
 * neither the demo data nor, but by a rare chance, each other.
 */
export function freeCorner(): [number, number] {
  const cell = () => Math.floor(Math.random() * 21);
  return [38430800 - 41300 + 4000 + cell() * 150, 3899300 - 34300 + 6000 - cell() * 150];
}

/** A w × h m rectangle (east × north) from a north-west corner, moved dE m east, as features in EPSG:4526 with 点号 J1–J4. */
export function rectangle([e, n]: [number, number], w: number, h: number, dE = 0) {
  const e0 = e + dE;
  const ring = [[e0, n], [e0 + w, n], [e0 + w, n - h], [e0, n - h], [e0, n]];
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { pointNumbers: [['J1', 'J2', 'J3', 'J4']] } }] };
}

/** A submission by the surveyor's organisation (EPSG:4526, 一级), the rest given by `fields`. */
export async function submit(surveyor: Api, fields: Record<string, unknown>): Promise<{ id: string; status: string }> {
  const session = await expectOk(surveyor.get('/api/session'));
  return expectOk(surveyor.post('/api/surveys', { data: { organisation: session.organisation, crs: 'EPSG:4526', precisionClass: 1, surveyedOn: '2025-06-01', ...fields } }), 201);
}

export const accept = (reviewer: Api, id: string) => expectOk(reviewer.post(`/api/surveys/${id}/review`, { data: { decision: 'accept', note: '符合要求' } }));
