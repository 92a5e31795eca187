// A registration packet as the files a registrar files: boundary TXT, CSV (point table, unit areas), GeoJSON, printable page.
import { encodeText } from '../formats/text-encoding';
import { writeCsv, type CsvCell } from '../formats/csv-writer';
import { writeExchangeTxt } from '../formats/txt-exchange.format';
import { partsFromStored } from '../formats/delivery';
import { badRequest } from '../errors';
import { packetPrintHtml } from '../formats/packet-print.html';
import type { Packet } from './packets.service';

export const PACKET_FORMATS = ['json', 'txt', 'csv', 'geojson', 'html'] as const;

/** The packet as a file of `format`. */
export function packetFile(packet: Packet, format: string): { fileName: string; contentType: string; bytes: Uint8Array } {
  const base = `登记用测绘成果-${packet.parcel.parcelCode}-${packet.applicationNo}`;
  switch (format) {
    case 'json':
      return { fileName: `${base}.json`, contentType: 'application/json', bytes: encodeText(JSON.stringify(packet, null, 2), 'utf-8') };
    case 'txt': {
      if (!packet.boundary) throw badRequest('PACKET_HAS_NO_BOUNDARY', 'this packet has no boundary to write as a coordinate file');
      const epsg = Number(packet.boundary.value.crs.slice(5));
      return { fileName: `${base}.txt`, contentType: 'text/plain; charset=gbk', bytes: writeExchangeTxt({
        epsg, header: { 数据产生单位: packet.boundary.source.organisation, 数据产生日期: packet.boundary.source.surveyedOn },
        plots: [{ plotNo: packet.parcel.parcelCode, name: packet.parcel.location ?? '', parts: partsFromStored(packet.boundaryPoints),
          declaredArea: packet.landArea ? { value: packet.landArea.value, unit: 'm²', inferred: false, m2: packet.landArea.value } : undefined }],
      }) };
    }
    case 'csv': {
      const rows: CsvCell[][] = [['界址点成果表 / boundary points'], ['点号 point', '圈号 ring', 'X (北 north)', 'Y (东 east)'],
        ...packet.boundaryPoints.map((p) => [p.pointNo, p.ring, p.x, p.y]), [],
        ['单元面积 / unit areas'], ['不动产单元号 unit', '登记建筑面积 registered m²', '规则 rule', '预测建筑面积 pre-sale m²', '实测建筑面积 verified m²', '面积误差比 ratio', '超限差 beyond limit'],
        ...packet.units.map((u) => [u.unitCode, u.registered?.value ?? '', u.registered?.rule ?? '', u.building.presaleM2 ?? '', u.building.verifiedM2 ?? '', u.building.ratioText ?? '', u.building.beyondLimit ?? ''])];
      return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', bytes: writeCsv(rows) };
    }
    case 'geojson':
      return { fileName: `${base}.geojson`, contentType: 'application/geo+json', bytes: encodeText(JSON.stringify({
        type: 'FeatureCollection', crs: packet.boundary ? { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${packet.boundary.value.crs.slice(5)}` } } : undefined,
        features: packet.geometry ? [{ type: 'Feature', geometry: packet.geometry, properties: { parcelCode: packet.parcel.parcelCode, packetId: packet.packetId, surveyId: packet.boundary?.value.surveyId, rule: packet.boundary?.rule, landAreaM2: packet.landArea?.value ?? null } }] : [],
      }), 'utf-8') };
    case 'html':
      return { fileName: `${base}.html`, contentType: 'text/html; charset=utf-8', bytes: encodeText(packetPrintHtml(packet), 'utf-8') };
    default:
      throw badRequest('PACKET_FORMAT_UNSUPPORTED', `format must be one of ${PACKET_FORMATS.join(', ')}`);
  }
}
