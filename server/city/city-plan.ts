// The synthetic city's plan (npm run generate): which counties, their outlines, street names and the block layout.
// Pure data; sql/queries/city-*.sql turns it into parcels, results, 界址点 and units inside the database.
import fs from 'node:fs';
import path from 'node:path';
import { findCounty } from '../domain/counties';

/** 焦作's county-level divisions (DOMAIN.md §3): the city is spread over all of them. */
export const JIAOZUO_COUNTIES = ['410802', '410803', '410804', '410811', '410821', '410822', '410823', '410825', '410882', '410883'];

/** Parcel size and layout, m in EPSG:4526: blocks of 10 × 10 parcels of 40 × 30 m, with 20 m roads between blocks. */
export const LAYOUT = { parcelWidth: 40, parcelHeight: 30, perRow: 10, perBlock: 100, road: 20 } as const;
/** A cell of the global block grid: one block and half a road on every side, m. */
export const CELL = { width: LAYOUT.parcelWidth * LAYOUT.perRow + LAYOUT.road, height: LAYOUT.parcelHeight * (LAYOUT.perBlock / LAYOUT.perRow) + LAYOUT.road };

/**
 * 地籍区 of generated parcels ('009') and of the parcels their splits retired ('008'): clear of the demo (001–005) and
 * of the test range (孟州 sequences 90000–99999: generated sequences stay ≤ 10000).
 */
export const CITY_DISTRICT = '009';
export const RETIRED_DISTRICT = '008';

const STREETS = ['民主路', '解放路', '建设路', '人民路', '塔南路', '山阳路', '丰收路', '迎宾路', '太行路', '焦东路', '焦作路', '工业路',
  '中原路', '世纪路', '韩愈大街', '覃怀路', '怀府路', '黄河路', '木栾大道', '云台大道', '鸿昌路', '月山路', '新园路', '光亚路'];
const VILLAGES = ['东王庄村', '西王庄村', '上段村', '下段村', '南庄村', '北庄村', '李村', '张村', '马营村', '河头村', '沿河村', '柳林村'];

export interface CityPlan {
  parcels: number;
  countyCodes: string[];
  countyNames: string[];
  /** County outlines as GeoJSON in EPSG:4490 (approximate, ±1 km: blocks keep 500 m inside). */
  outlines: string[];
  streets: string[];
  villages: string[];
  blocks: number;
}

/** The plan for `parcels` parcels (≥ 1). */
export function cityPlan(parcels: number): CityPlan {
  if (!Number.isInteger(parcels) || parcels < 1) throw new RangeError(`--parcels must be a whole number ≥ 1, not ${parcels}`);
  const file = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../data/county-boundaries.json'), 'utf8'));
  return {
    parcels,
    countyCodes: JIAOZUO_COUNTIES,
    countyNames: JIAOZUO_COUNTIES.map((c) => findCounty(c)!.name),
    outlines: JIAOZUO_COUNTIES.map((c) => JSON.stringify(file.counties[c])),
    streets: STREETS,
    villages: VILLAGES,
    blocks: Math.ceil(parcels / LAYOUT.perBlock),
  };
}
