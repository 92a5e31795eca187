// What the database can do, detected once at start rather than assumed (PGlite's PostGIS lacks ST_AsMVT).
import type pg from 'pg';
import type { EngineName } from '../db/database';

export interface Capabilities {
  engine: EngineName;
  postgresVersion: string;
  postgisVersion: string;
  /** ST_AsMVT works (PostGIS built with protobuf). */
  mvt: boolean;
}

export async function detectCapabilities(pool: pg.Pool, engine: EngineName): Promise<Capabilities> {
  const { rows } = await pool.query<{ pg: string; postgis: string }>(
    "SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis",
  );
  let mvt = false;
  try {
    await pool.query("SELECT ST_AsMVT(t, 'probe') FROM (SELECT ST_AsMVTGeom(ST_Point(1, 1), ST_MakeEnvelope(0, 0, 2, 2)) AS geom) t");
    mvt = true;
  } catch {
    mvt = false;
  }
  return { engine, postgresVersion: rows[0].pg, postgisVersion: rows[0].postgis, mvt };
}
