// A re-survey whose 界址点 all moved 0.30 m east, reviewed in the browser: the diff names every moved point, the map
// shows both boundaries with an arrow per point, and the reviewer returns it with a note.
import { useBrowser, hubUrl, screenshot } from './support/browser';

const PARCEL = '410802003012GB00108'; // 建设西路35号: an octagon J1–J8 with 30 m of road on every side (no neighbour to overlap)
const SHIFT_EAST_M = 0.3;
const browser = useBrowser();
let surveyId: string;

type Ring = number[][];
interface CurrentBoundary {
  crs: string;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  boundaryPoints: { part: number; ring: number; seq: number; pointNo: string }[];
}

/** The boundary with every position moved east (GeoJSON [easting, northing], zone CRS) and its 点号 per ring. */
function movedEast(boundary: CurrentBoundary, metres: number) {
  const polygons = boundary.geometry.type === 'Polygon' ? [boundary.geometry.coordinates] : boundary.geometry.coordinates;
  const moved = polygons.map((rings) => rings.map((ring) => ring.map(([e, n]) => [Math.round((e + metres) * 1000) / 1000, n])));
  // 点号 of each ring in order, the closing point not repeated; rings in part/ring order as the geometry has them.
  const byRing = new Map<string, { part: number; ring: number; points: { seq: number; pointNo: string }[] }>();
  for (const p of boundary.boundaryPoints) {
    const key = `${p.part}/${p.ring}`;
    if (!byRing.has(key)) byRing.set(key, { part: p.part, ring: p.ring, points: [] });
    byRing.get(key)!.points.push(p);
  }
  const ringNumbers = [...byRing.values()]
    .sort((a, b) => a.part - b.part || a.ring - b.ring)
    .map((r) => r.points.sort((a, b) => a.seq - b.seq).map((p) => p.pointNo))
    .map((nos) => (nos.length > 1 && nos[nos.length - 1] === nos[0] ? nos.slice(0, -1) : nos));
  let next = 0;
  const pointNumbers = polygons.map((rings) => rings.map(() => ringNumbers[next++]));
  const single = boundary.geometry.type === 'Polygon';
  return {
    type: 'FeatureCollection',
    features: [{
      type: 'Feature',
      geometry: single ? { type: 'Polygon', coordinates: moved[0] } : { type: 'MultiPolygon', coordinates: moved },
      properties: { pointNumbers: single ? pointNumbers[0] : pointNumbers },
    }],
  };
}


describe('a re-survey with every 界址点 moved 0.30 m', () => {
  it('is accepted for review when the surveyor submits it', async () => {
    const current = await browser.logInAs('demo-surveyor');
    const { request } = current.page;
    const session = await (await request.get(`${hubUrl()}/api/session`)).json();
    const parcel = await (await request.get(`${hubUrl()}/api/parcels/${PARCEL}`)).json();
    const boundary = parcel.currentBoundary as CurrentBoundary;
    expect(boundary.crs).toBe('EPSG:4526');
    expect(boundary.boundaryPoints.map((p) => p.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);

    const res = await request.post(`${hubUrl()}/api/surveys`, {
      data: {
        stage: 'land_supply', kind: '权籍调查', parcelCode: PARCEL, organisation: session.organisation, crs: 'EPSG:4526', precisionClass: 1,
        surveyedOn: new Date().toISOString().slice(0, 10), features: movedEast(boundary, SHIFT_EAST_M),
      },
    });
    const body = await res.json();
    expect({ status: res.status(), message: body.message }).toEqual({ status: 201, message: undefined });
    expect(body.status).toBe('submitted');
    surveyId = body.id;
  });

  it('shows the reviewer the moved points with arrows on the map, and is returned with a note', async () => {
    expect(surveyId).toBeDefined();
    const current = await browser.logInAs('demo-reviewer');
    const { page } = current;
    await page.click('[data-tab=review]');
    await page.click(`[data-testid=review-queue] a[data-parcel="${PARCEL}"]`);
    await page.waitForSelector('[data-testid=boundary-diff] [data-testid=moved-points]');
    expect(await page.textContent('[data-testid=diff-verdict]')).toContain('界址有变化');
    const moved = await page.$$eval('[data-testid=moved-points] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(moved.map(([pointNo]) => pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    // Displacement 0.300 m, all of it east (ΔY), none north (ΔX).
    for (const [, displacement, dx, dy] of moved) expect([displacement, Math.abs(Number(dx)).toFixed(3), dy]).toEqual(['0.300', '0.000', '0.300']);
    await page.waitForSelector('[data-testid=map][data-diff-arrows="8"]');
    await page.waitForSelector(`[data-testid=map][data-fitted="review:${surveyId}"]`);
    expect(await page.textContent('[data-testid=review-legend]')).toMatch(/待审核成果.*审核通过的界址/);
    await screenshot(page, 'review-diff');

    await page.fill('textarea[name=note]', '界址点整体东移0.30米，超出一级界址点限差，请核实控制点后重新测量');
    await page.click('[data-testid=reject]');
    await page.waitForSelector('[data-testid=review-detail]', { state: 'detached' });
    // the queue is reloaded after the decision: wait for the reload rather than read the old list
    await page.waitForSelector(`[data-testid=review-queue] a[data-parcel="${PARCEL}"]`, { state: 'detached' });
    expect(await page.getAttribute('[data-testid=map]', 'data-diff-arrows')).toBeNull();
    const stored = await (await page.request.get(`${hubUrl()}/api/surveys/${surveyId}`)).json();
    expect(stored.status).toBe('rejected');
  });
});
