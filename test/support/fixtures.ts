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

/**
 * A random free 100 m × 100 m cell within ±40 km of the sample plot: accepted parcels of one run must
 * not overlap (the hub refuses a result overlapping an accepted neighbour), and the plot fits a cell.
 */
export function freeCell(): [number, number] {
  const cell = () => (Math.floor(Math.random() * 800) - 400) * 100;
  return [cell(), cell()];
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
