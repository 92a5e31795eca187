// The map's administrative context: province, city and county outlines with names, from the approximate county
// outlines the hub ships (server/data/county-boundaries.json, 河南 only) and the GB/T 2260 names; computed once.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { findCounty } from '../domain/counties';

const DATA_FILE = path.resolve(__dirname, '../data/county-boundaries.json');

export interface MapContext {
  type: 'FeatureCollection';
  /** Where the outlines come from and how far to trust them (±1 km: never for areas or registration). */
  source: string;
  note: string;
  features: { type: 'Feature'; geometry: GeoJSON.Geometry; properties: { level: 'province' | 'city' | 'county'; code: string; name: string; labelLon: number; labelLat: number } }[];
}

let computed: Promise<MapContext> | undefined;

/** The outlines as a GeoJSON FeatureCollection (EPSG:4490), provinces and cities unioned from their counties. */
export function mapContext(pool: pg.Pool): Promise<MapContext> {
  computed ??= buildContext(pool).catch((err) => {
    computed = undefined; // a failed attempt is not remembered
    throw err;
  });
  return computed;
}

async function buildContext(pool: pg.Pool): Promise<MapContext> {
  const file = JSON.parse(await fs.promises.readFile(DATA_FILE, 'utf8')) as { source: string; note: string; counties: Record<string, GeoJSON.Geometry> };
  const counties = Object.entries(file.counties).flatMap(([code, geometry]) => {
    const county = findCounty(code);
    return county ? [{ code, name: county.name, city: county.city, province: county.province, geometry: JSON.stringify(geometry) }] : [];
  });
  const { rows } = await pool.query(sql('admin-outlines'), [JSON.stringify(counties)]);
  return {
    type: 'FeatureCollection',
    source: file.source,
    note: file.note,
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geometry),
      properties: { level: r.level, code: r.code, name: r.name, labelLon: Number(r.label_lon), labelLat: Number(r.label_lat) },
    })),
  };
}
