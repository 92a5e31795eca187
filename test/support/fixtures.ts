// Submissions built from the DOMAIN.md §7 sample plot (60 m × 40 m minus a 10 m × 10 m hole, EPSG:4526).
import fs from 'node:fs';
import path from 'node:path';

export const SAMPLE_PLOT = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/sample-plot-4526.geojson'), 'utf8'));

/** The sample plot moved by (dEast, dNorth) m, so several parcels of one test do not overlap. */
export function samplePlotAt(dEast: number, dNorth: number) {
  const plot = structuredClone(SAMPLE_PLOT);
  for (const ring of plot.features[0].geometry.coordinates) {
    for (const pos of ring) {
      pos[0] += dEast;
      pos[1] += dNorth;
    }
  }
  return plot;
}

/** From the sample plot (near 113.24°E 35.22°N, 解放区) to 孟州 (410883), where test parcel codes are. */
const MENGZHOU_OFFSET: [number, number] = [-41_300, -34_300];
const GRID = 60;
let nextCell = 0;

/**
 * A free 100 m × 100 m cell of a 6 km × 6 km grid in 孟州 (the sample plot fits one): accepted parcels
 * of one run must not overlap, since the hub refuses a result overlapping an accepted neighbour. Cells
 * are claimed by creating a file exclusively in the run's folder, so parallel test files never share one.
 */
export function freeCell(): [number, number] {
  const dir = process.env.HUB_TEST_CELLS;
  if (!dir) throw new Error('HUB_TEST_CELLS is not set: run the tests through jest (test/support/global-setup.ts)');
  for (; nextCell < GRID * GRID; nextCell++) {
    try {
      fs.closeSync(fs.openSync(path.join(dir, String(nextCell)), 'wx'));
    } catch {
      continue;
    }
    const [i, j] = [nextCell % GRID, Math.floor(nextCell / GRID)];
    return [MENGZHOU_OFFSET[0] + (i - GRID / 2) * 100, MENGZHOU_OFFSET[1] + (j - GRID / 2) * 100];
  }
  throw new Error('all test cells are taken');
}

/** The sample plot in a free cell. */
export const samplePlotSomewhere = () => samplePlotAt(...freeCell());

export function landSupplySubmission(parcelCode: string, overrides: Record<string, unknown> = {}) {
  return {
    stage: 'land_supply',
    kind: '权籍调查',
    parcelCode,
    organisation: '焦作市测试测绘有限公司',
    surveyedOn: '2025-01-15',
    crs: 'EPSG:4526',
    precisionClass: 1,
    declaredAreaM2: 2300,
    features: samplePlotSomewhere(),
    ...overrides,
  };
}
