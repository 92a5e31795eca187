// A registration packet as the files a registrar files: boundary TXT, CSV (point table, unit areas), GeoJSON, printable page.
import { encodeText } from '../formats/text-encoding';
import { writeCsv, type CsvCell } from '../formats/csv-writer';
import { writeExchangeTxt } from '../formats/txt-exchange.format';
import { partsFromStored } from '../formats/delivery';
import { badRequest } from '../errors';
import type { Packet } from './packets.service';

export const PACKET_FORMATS = ['json', 'txt', 'csv', 'geojson', 'html'] as const;

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

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
      return { fileName: `${base}.html`, contentType: 'text/html; charset=utf-8', bytes: encodeText(printable(packet), 'utf-8') };
    default:
      throw badRequest('PACKET_FORMAT_UNSUPPORTED', `format must be one of ${PACKET_FORMATS.join(', ')}`);
  }
}

const DECISION_WORDS = {
  reuse: { zh: '复用审核通过的成果', en: 'reuse of accepted results' },
  awaiting_review: { zh: '等待审核', en: 'awaiting review' },
  new_survey_required: { zh: '需要补充测绘成果', en: 'a survey is needed' },
} as const;
const STATE_WORDS = { met: '已具备 met', pending: '待审核 pending', missing: '缺少 missing' } as const;
const boundaryText = (b: { crs: string; planeAreaM2: number | null }) => `${b.crs}${b.planeAreaM2 === null ? '' : ` · ${b.planeAreaM2.toFixed(2)} m²`}`;

/** A printable page (A4, zh-CN with English): decision, each value with its rule, source and reason, the tables. */
function printable(p: Packet): string {
  const row = (label: string, v: { value: unknown; rule: string; source: { kind: string; organisation: string; surveyedOn: string; surveyId: string }; reason: { zh: string; en: string } } | null) =>
    v ? `<tr><th>${label}</th><td>${esc(typeof v.value === 'object' ? boundaryText(v.value as { crs: string; planeAreaM2: number | null }) : (v.value as number).toFixed(2))}</td><td>${v.rule}</td><td>${esc(v.source.kind)} · ${esc(v.source.organisation)} · ${esc(v.source.surveyedOn)}<br><small>${esc(v.source.surveyId)}</small></td><td>${esc(v.reason.zh)}<br><small>${esc(v.reason.en)}</small></td></tr>` : `<tr><th>${label}</th><td colspan="4">—</td></tr>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>登记用测绘成果 ${esc(p.parcel.parcelCode)}</title>
<style>@page{size:A4;margin:15mm}body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:11pt}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}small{color:#555}.decision{font-size:13pt;font-weight:bold}</style></head><body>
<h1>登记用测绘成果 <small>Survey results for registration</small></h1>
<p>宗地代码 ${esc(p.parcel.parcelCode)} · ${esc(p.parcel.location)} · ${esc(p.registrationType)}${p.unitCode ? ` · 单元 ${esc(p.unitCode)}` : ''}<br>
申请编号 Application ${esc(p.applicationNo)} · 用途 Purpose ${esc(p.purpose)} · ${esc(p.requestedBy)} · ${esc(p.createdAt)} · ${esc(p.packetId)}</p>
<p class="decision">${DECISION_WORDS[p.decision].zh} <small>${DECISION_WORDS[p.decision].en}</small> · ${esc(p.tableRow)}</p>
<p>${esc(p.reason.zh)}<br><small>${esc(p.reason.en)}</small></p>
${p.requirements.length ? `<table><tr><th>所需成果 requirement</th><th>状态 state</th><th>说明 reason</th></tr>${p.requirements.map((r) => `<tr><td>${esc(r.requirement)}</td><td>${STATE_WORDS[r.state]}</td><td>${esc(r.reason.zh)}<br><small>${esc(r.reason.en)}</small></td></tr>`).join('')}</table>` : ''}
<table><tr><th></th><th>值 value</th><th>规则 rule</th><th>来源 source</th><th>理由 reason</th></tr>
${row('界址 boundary', p.boundary)}${row('土地面积 land area (m²)', p.landArea)}</table>
${p.boundary?.confirmedBy.length ? `<p>复核一致 confirmed by: ${p.boundary.confirmedBy.map((c) => `${esc(c.kind)} · ${esc(c.organisation)} · ${esc(c.surveyedOn)}`).join('；')}</p>` : ''}${p.landArea?.note ? `<p>${esc(p.landArea.note.zh)}<br><small>${esc(p.landArea.note.en)}</small></p>` : ''}
<h2>界址点成果表 <small>boundary points (${esc(p.boundary?.value.crs ?? '')})</small></h2>
<table><tr><th>点号</th><th>圈号</th><th>X</th><th>Y</th></tr>${p.boundaryPoints.map((b) => `<tr><td>${esc(b.pointNo)}</td><td>${b.ring}</td><td>${esc(b.x)}</td><td>${esc(b.y)}</td></tr>`).join('')}</table>
${p.units.length ? `<h2>房屋面积 <small>unit areas (m²)</small></h2><table><tr><th>不动产单元号</th><th>登记面积</th><th>规则</th><th>预测</th><th>实测</th><th>面积误差比</th></tr>${p.units.map((u) => `<tr><td>${esc(u.unitCode)}</td><td>${esc(u.registered?.value ?? '—')}</td><td>${esc(u.registered?.rule ?? '')}</td><td>${esc(u.building.presaleM2 ?? '—')}</td><td>${esc(u.building.verifiedM2 ?? '—')}</td><td>${esc(u.building.ratioText ?? '')}</td></tr>`).join('')}</table>` : ''}
<p><small>本成果仅用于不动产登记（R8）。Shared survey data may be used for registration only.</small></p></body></html>`;
}
