// The printed registration packet (A4, print CSS, zh-CN with English): the decision in words, each value with its rule
// and source in words, the 宗地图, the 界址点成果表 with 圈号, 边长 and precision class, areas to 0.01 m², local time.
// Results are cited by kind, organisation, date and a short reference, never by their internal id.
import type { Packet } from '../services/packets.service';
import { BOUNDARY_POINT_MEAN_ERROR_M, CLASS_NAMES, type PrecisionClass } from '../domain/tolerances';
import { sideLengths } from '../domain/parcel-sketch';
import { parcelSketchSvg, ringsOf } from './parcel-sketch.svg';
import { REQUIREMENT_TEXT, type Requirement } from '../domain/registration.table';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const m2 = (v: number | null | undefined) => (typeof v === 'number' ? `${v.toFixed(2)} m²` : '—');
const both = (b: { zh: string; en: string }) => `${esc(b.zh)}<br><small>${esc(b.en)}</small>`;

const DECISION_WORDS = {
  reuse: { zh: '复用', en: 'reuse of accepted results' },
  awaiting_review: { zh: '等待审核', en: 'awaiting review' },
  new_survey_required: { zh: '需要补充测绘', en: 'a survey is needed' },
} as const;
const STATE_WORDS = { met: '已具备 met', pending: '待审核 pending', missing: '缺少 missing' } as const;

/** Each rule of the 焦作 plan (DOMAIN.md §1) in a sentence. */
export const RULE_WORDS: Record<string, { zh: string; en: string }> = {
  R1: { zh: '统一登记前经审核、界址未变的测绘成果不再重复测绘', en: 'reviewed results from before unified registration are reused while the boundary is unchanged' },
  R2: { zh: '供地阶段的权籍调查成果直接用于首次登记', en: 'the cadastral survey of the land-supply stage serves first registration as it is' },
  R3: { zh: '供地文件载明的土地面积直接用于登记，不再复核', en: 'the land area of the supply documents is registered without a re-check' },
  R4: { zh: '供地文件载有的坐标直接作为宗地界址点坐标', en: 'coordinates in the supply documents are the boundary point coordinates' },
  R5: { zh: '竣工联合验收核实的面积和坐标直接使用', en: 'areas and coordinates verified in the joint completion acceptance are used directly' },
  R6: { zh: '预售面积与实测面积不一致时按实测面积登记', en: 'where pre-sale and verified areas differ, the verified area is registered' },
  R7: { zh: '多测合一：各阶段成果一次入库、全程共享', en: 'one survey per stage, shared across the whole process' },
};

/** A result's short reference: the first 8 hex digits of its id, upper case (enough to find it; not the id itself). */
export const shortReference = (id: string | null | undefined) => (id ? id.replace(/-/g, '').slice(0, 8).toUpperCase() : '');

interface Source { kind: string; organisation: string; surveyedOn: string; surveyId?: string }
const sourceWords = (s: Source) =>
  `${esc(s.kind)}，${esc(s.organisation)}，${esc(s.surveyedOn)} 测量（成果 ${shortReference(s.surveyId)}）<br><small>${esc(s.kind)} by ${esc(s.organisation)}, surveyed ${esc(s.surveyedOn)} (result ${shortReference(s.surveyId)})</small>`;
const ruleWords = (rule: string) => `<strong>${esc(rule)}</strong> ${RULE_WORDS[rule] ? both(RULE_WORDS[rule]) : ''}`;

/** An ISO instant as Beijing time (UTC+8), to the minute. */
export function beijingTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}（北京时间 UTC+8）`;
}

function valuesTable(p: Packet): string {
  const row = (label: string, value: string, v: { rule: string; source: Source; reason: { zh: string; en: string } } | null) =>
    v ? `<tr><th>${label}</th><td class="num">${value}</td><td>${ruleWords(v.rule)}</td><td>${sourceWords(v.source)}</td><td>${both(v.reason)}</td></tr>` : `<tr><th>${label}</th><td colspan="4">—</td></tr>`;
  const boundary = p.boundary ? `${esc(p.boundary.value.crs)}<br>${m2(p.boundary.value.planeAreaM2)}` : '';
  const land = p.landArea ? `${m2(p.landArea.value)}${p.landArea.computedM2 !== null ? `<br><small>坐标计算 computed ${m2(p.landArea.computedM2)}</small>` : ''}` : '';
  return `<table class="values"><tr><th></th><th>值 value</th><th>规则 rule</th><th>来源 source</th><th>理由 reason</th></tr>
${row('界址 boundary', boundary, p.boundary)}${row('土地面积 land area', land, p.landArea)}</table>`;
}

function pointsTable(p: Packet): string {
  const cls = p.boundaryPrecisionClass as PrecisionClass | null | undefined; // absent in packets stored before it was recorded
  const classText = cls ? `${CLASS_NAMES[cls]}（点位中误差 ±${(BOUNDARY_POINT_MEAN_ERROR_M[cls] * 100).toFixed(1)} cm）` : '—';
  const rows = ringsOf(p.boundaryPoints).flatMap((r) => {
    const sides = sideLengths(r.points);
    const raw = p.boundaryPoints.filter((b) => b.part === r.part && b.ring === r.ring);
    return r.points.map((pt, i) => `<tr><td>${esc(pt.pointNo)}</td><td class="num">${r.ring}</td><td class="num">${esc(raw[i]?.x ?? pt.x)}</td><td class="num">${esc(raw[i]?.y ?? pt.y)}</td><td>${esc(`${sides[i].from}–${sides[i].to}`)}</td><td class="num">${sides[i].lengthM.toFixed(2)}</td><td>${classText}</td></tr>`);
  });
  return `<table class="points"><tr><th>点号</th><th>圈号</th><th>X（北）</th><th>Y（东）</th><th>界址边</th><th>边长 (m)</th><th>界址点精度等级</th></tr>${rows.join('')}</table>`;
}

const unitsTable = (p: Packet) => (p.units.length
  ? `<h2>房屋面积 <small>unit areas (m²)</small></h2><table><tr><th>不动产单元号</th><th>登记面积</th><th>规则</th><th>预测建筑面积</th><th>实测建筑面积</th><th>面积误差比</th></tr>${p.units.map((u) => `<tr><td>${esc(u.unitCode)}</td><td class="num">${m2(u.registered?.value)}</td><td>${u.registered ? ruleWords(u.registered.rule) : ''}</td><td class="num">${m2(u.building.presaleM2)}</td><td class="num">${m2(u.building.verifiedM2)}</td><td class="num">${esc(u.building.ratioText ?? '')}</td></tr>`).join('')}</table>`
  : '');

const PRINT_CSS = `@page{size:A4;margin:12mm}body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:10.5pt;color:#1f2933;max-width:186mm;margin:0 auto}
h1{font-size:16pt;margin:0 0 4px}h2{font-size:12pt;margin:10px 0 4px}small{color:#52606d}table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #888;padding:2px 5px;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.decision{font-size:13pt;font-weight:bold;border:2px solid #1f2933;display:inline-block;padding:2px 10px}.sketch{page-break-inside:avoid;break-inside:avoid}
@media print{.no-print{display:none}a{color:inherit;text-decoration:none}}`;

/** The printable page of a packet. */
export function packetPrintHtml(p: Packet): string {
  const crs = p.boundary?.value.crs ?? '';
  const sketch = parcelSketchSvg(p.boundaryPoints, crs);
  const words = DECISION_WORDS[p.decision];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>登记用测绘成果 ${esc(p.parcel.parcelCode)}</title><style>${PRINT_CSS}</style></head><body>
<header><h1>登记用测绘成果 · 宗地图 <small>Survey results for registration</small></h1>
<p>宗地代码 ${esc(p.parcel.parcelCode)} · 坐落 ${esc(p.parcel.location ?? '—')} · ${esc(p.registrationType)}${p.unitCode ? ` · 不动产单元号 ${esc(p.unitCode)}` : ''}<br>
申请编号 ${esc(p.applicationNo)} · 用途 ${esc(p.purpose)} · 经办 ${esc(p.requestedBy)} · 生成于 <span data-testid="printed-at">${beijingTime(p.createdAt)}</span></p>
<p class="no-print"><small>打印：Ctrl+P（⌘P），可在打印对话框中存为 PDF · Print with Ctrl+P (⌘P); save as PDF in the print dialog</small></p></header>
<main>
<p><span class="decision" data-testid="printed-decision">${words.zh} <small>${words.en}</small></span></p>
<p>${both(p.reason)}</p>
${p.requirements.length ? `<table><tr><th>所需成果 requirement</th><th>状态 state</th><th>说明 reason</th></tr>${p.requirements.map((r) => `<tr><td>${esc(REQUIREMENT_TEXT[r.requirement as Requirement] ?? r.requirement)}</td><td>${STATE_WORDS[r.state]}</td><td>${both(r.reason)}</td></tr>`).join('')}</table>` : ''}
${valuesTable(p)}
${p.boundary?.confirmedBy.length ? `<p>复核一致 confirmed by: ${p.boundary.confirmedBy.map((c) => sourceWords(c)).join('；')}</p>` : ''}${p.landArea?.note ? `<p>${both(p.landArea.note)}</p>` : ''}
${sketch ? `<section class="sketch"><h2>宗地图 <small>parcel sketch, 1:${sketch.scale}</small></h2>${sketch.svg}</section>` : ''}
${p.boundaryPoints.length ? `<h2>界址点成果表 <small>boundary points, ${esc(crs)}, X north / Y east (m)</small></h2>${pointsTable(p)}` : ''}
${unitsTable(p)}
</main>
<footer><p><small>本成果仅用于不动产登记（R8）。Shared survey data may be used for registration only.</small></p></footer></body></html>`;
}
