// Shapes of the hub's reference answers the map and the upload form read (GET /api/survey-kinds, /api/map/context,
// /api/health) and of a quality report's plot outlines; only the fields used here.
import type { Stage } from './types';

/** 测绘事项 of the hub's reference table (GET /api/survey-kinds). */
export interface SurveyKind { code: string; nameEn: string; stages: Stage[]; geometryRole: 'parcel_boundary' | 'building_footprint' }

/** GET /api/health: what the web app reads of it. */
export interface HubHealth { engine: string; tiandituKey?: string | null }

/** GET /api/map/context: province, city and county outlines (EPSG:4490) with names and label points. */
export interface AdminArea { level: 'province' | 'city' | 'county'; code: string; name: string; labelLon: number; labelLat: number }
export type MapContextCollection = GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, AdminArea> & { source: string; note: string };

/** A plot of the quality report: its rings as written, [X north, Y east] in the report's CRS (absent for large files). */
export interface UploadedPlot { plotNo: string; outline?: [number, number][][] }
