// Exports a stored result in the formats surveyors and GIS tools read: exchange TXT, GeoJSON, CSV point table, DXF,
// GeoPackage and zipped shapefile.
import type pg from 'pg';
import { badRequest, notFound } from '../errors';
import { partsFromStored, type DeliveryPlot } from '../formats/delivery';
import { writeExchangeTxt } from '../formats/txt-exchange.format';
import { writeCsvPoints } from '../formats/csv-points.format';
import { writeDxf } from '../formats/dxf.format';
import { encodeText } from '../formats/text-encoding';
import { getSurvey, type SurveyResultView } from './surveys.service';
import { auditRead, type Actor } from './audit.service';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { SEE_ALL, visibilityOf } from '../auth/viewer';
import { gisCrs, gisFile, surveyLayers, type GisFormat } from '../ogc/gis-export.service';

export const EXPORT_FORMATS = ['txt', 'geojson', 'csv', 'dxf', 'gpkg', 'shp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The result's boundary as one plot. */
function asPlot(survey: SurveyResultView): DeliveryPlot {
  const parts = partsFromStored(survey.boundaryPoints);
  return {
    plotNo: survey.parcelCode,
    name: survey.kind,
    declaredArea: survey.declaredAreaM2 ? { value: survey.declaredAreaM2, unit: 'm²', inferred: false, m2: survey.declaredAreaM2 } : undefined,
    attributes: {},
    parts,
  };
}

/**
 * The stored result `id` as a file, if the actor may see it; `encoding` applies to TXT (GBK default) and CSV
 * (UTF-8 with BOM default). Every export is recorded in the audit log, with the application and purpose given.
 */
export async function exportSurvey(pool: pg.Pool, id: string, format: string, encoding: string | undefined, actor: Actor, why: ReadPurpose = {}): Promise<ExportFile> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw badRequest('EXPORT_FORMAT_UNSUPPORTED', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (encoding !== undefined && encoding !== 'gbk' && encoding !== 'utf-8') throw badRequest('EXPORT_ENCODING_UNSUPPORTED', 'encoding must be gbk or utf-8');
  const recorded = requirePurpose(actor.viewer, 'export', why);
  const survey = await getSurvey(pool, id, actor.viewer ? visibilityOf(actor.viewer) : SEE_ALL);
  if (!survey) throw notFound('SURVEY_NOT_FOUND', `There is no survey result ${id}`);
  if (survey.boundaryPoints.length === 0) throw badRequest('SURVEY_HAS_NO_GEOMETRY', `Survey result ${id} has no boundary (unit areas only); export its unit areas from the parcel`);
  await auditRead(pool, actor, 'survey.export', { parcelCode: survey.parcelCode, subjectId: survey.id }, recorded, { format, encoding: encoding ?? null });
  const plot = asPlot(survey);
  const base = `${survey.parcelCode}-${survey.kind}-${survey.surveyedOn}`;
  const epsg = Number(survey.crs.slice(5));
  switch (format as ExportFormat) {
    case 'txt':
      return {
        fileName: `${base}.txt`,
        contentType: `text/plain; charset=${encoding === 'utf-8' ? 'utf-8' : 'gbk'}`,
        bytes: writeExchangeTxt({ epsg, header: { 数据产生单位: survey.organisation, 数据产生日期: survey.surveyedOn }, plots: [plot] }, { encoding: encoding === 'utf-8' ? 'utf-8' : 'gbk' }),
      };
    case 'csv':
      return { fileName: `${base}.csv`, contentType: `text/csv; charset=${encoding ?? 'utf-8'}`, bytes: writeCsvPoints([plot], { encoding: encoding === 'gbk' ? 'gbk' : 'utf-8', epsg }) };
    case 'gpkg':
    case 'shp':
      return gisFile(format as GisFormat, base, surveyLayers(survey), await gisCrs(pool, epsg));
    case 'dxf':
      return { fileName: `${base}.dxf`, contentType: 'image/vnd.dxf', bytes: writeDxf([plot]) };
    case 'geojson': {
      const pointNumbers = plot.parts.map((part) => part.rings.map((r) => r.points.map((p) => p.pointNo)));
      const doc = {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${epsg}` } },
        features: [{
          type: 'Feature',
          properties: {
            parcelCode: survey.parcelCode, surveyId: survey.id, stage: survey.stage, kind: survey.kind, organisation: survey.organisation,
            surveyedOn: survey.surveyedOn, status: survey.status, planeAreaM2: survey.planeAreaM2, declaredAreaM2: survey.declaredAreaM2,
            // Per ring for a Polygon, per part and ring for a MultiPolygon, as the readers take them back.
            pointNumbers: pointNumbers.length === 1 ? pointNumbers[0] : pointNumbers,
          },
          geometry: survey.geometry,
        }],
      };
      return { fileName: `${base}.geojson`, contentType: 'application/geo+json', bytes: encodeText(JSON.stringify(doc), 'utf-8') };
    }
  }
}
