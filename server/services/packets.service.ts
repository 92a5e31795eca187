// Registration packets: the reuse rules applied to a parcel's accepted results, stored immutably, read for an
// application only, in the formats a registrar files (JSON, TXT, CSV, GeoJSON, a printable page).
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { badRequest, notFound } from '../errors';
import { parseUnitCode } from '../domain/parcel-code';
import type { RingedPoint } from '../domain/boundary-diff';
import { boundaryDiff, type Candidate } from './boundary.service';
import { zoneCrsFromEpsg } from '../domain/crs';
import { readInWorker } from '../workers/parsing';
import { plotGeometry } from './neighbours.service';
import type { Upload } from './intake.service';
import { decidePacket, NotApplicable, type PacketDecision, type RegistrationType } from '../domain/reuse.rules';
import type { ChangeKind } from '../domain/registration.table';
import { DEFAULT_UNIFIED_REGISTRATION_DATE } from '../config';
import { currentBoundaryResult, unitAreaSources, type ResultSummary } from '../domain/survey-result';
import { SEE_ALL } from '../auth/viewer';
import { actorColumns, auditRead, type Actor } from './audit.service';
import { parcelFacts } from './parcel-facts';
import { refuseRetired } from './lineage.service';
import { requirePurpose, type ReadPurpose } from '../auth/purpose';
import { requireParcelCode } from './parcels.service';
import { resultsOfParcel } from './survey-store';
import { requireUuid } from './surveys.service';

export interface PacketRequest {
  parcelCode?: string;
  unitCode?: string;
  registrationType: RegistrationType;
  /** For a 变更登记: what changes (名称, 用途, 界址, 面积, 分割, 合并). */
  changeKind?: ChangeKind;
  applicationNo: string;
  purpose: string;
}

/** The rules' settings (config): what counts as before unified registration (R1). */
export interface RuleSettings { unifiedRegistrationDate: string }

/** The newest submitted (undecided) boundary result after the boundary in force, if any: it may change the boundary. */
function newerBoundary(results: ResultSummary[], current: ResultSummary | undefined): ResultSummary | undefined {
  if (!current) return undefined;
  return results
    .filter((r) => r.status === 'submitted' && r.geometryRole === 'parcel_boundary' && r.hasGeometry && r.supersededBy === null)
    .sort((x, y) => y.surveyedOn.localeCompare(x.surveyedOn) || y.submittedAt.localeCompare(x.submittedAt))[0];
}

/** Applies the decision table to the parcel and stores the packet with its explanation, with its audit row in the same statement. */
export async function createPacket(pool: pg.Pool, request: PacketRequest, actor: Actor, settings: RuleSettings = { unifiedRegistrationDate: DEFAULT_UNIFIED_REGISTRATION_DATE }) {
  const parcelCode = request.parcelCode ?? request.unitCode?.slice(0, 19);
  const parcel = requireParcelCode(parcelCode ?? '');
  if (request.unitCode) {
    const unit = parseUnitCode(request.unitCode);
    if (!unit.ok) throw badRequest('UNIT_CODE_INVALID', `不动产单元号 '${request.unitCode}': ${unit.problems.map((p) => p.message).join('; ')}`);
    if (request.parcelCode && !request.unitCode.startsWith(request.parcelCode)) throw badRequest('UNIT_NOT_ON_PARCEL', `unit ${request.unitCode} is not on parcel ${request.parcelCode}`);
  }
  // Round trips: one read of everything the decision needs, the Hausdorff comparison only when a re-survey is
  // pending, one write of the packet with its audit row (the session was resolved from the principal cache).
  const facts = await parcelFacts(pool, parcel.code, SEE_ALL);
  if (!facts) throw notFound('PARCEL_NOT_FOUND', `Parcel ${parcel.code} is not registered in the hub`);
  refuseRetired(parcel.code, facts.retirement ?? undefined);
  const { results, lineage } = facts;
  const sources = unitAreaSources(results);
  const boundary = currentBoundaryResult(results);
  const candidate = newerBoundary(results, boundary);
  const presaleUnits = sources.presale ? facts.unitAreas(sources.presale.id) : [];
  const verifiedUnits = sources.verified ? facts.unitAreas(sources.verified.id) : [];
  const points = boundary ? facts.boundary(boundary.id) : null;
  const check = boundary && candidate ? await boundaryDiff(pool, parcel.code, boundary, { surveyId: candidate.id }) : null;
  let decision: PacketDecision;
  try {
    decision = decidePacket({
      parcelCode: parcel.code, registrationType: request.registrationType, changeKind: request.changeKind, unitCode: request.unitCode,
      results, presaleUnits, verifiedUnits, lineage, unifiedRegistrationDate: settings.unifiedRegistrationDate,
      boundaryCheck: check && candidate ? { candidate, comparison: check.comparison } : null,
    });
  } catch (err) {
    if (err instanceof NotApplicable) throw badRequest(err.code, `${err.bilingual.en} (${err.bilingual.zh})`, { decision: 'not_applicable', reason: err.bilingual });
    throw err;
  }
  const p = facts.parcel;
  const content = {
    parcel: { parcelCode: parcel.code, county: parcel.county, location: p.location, landUse: p.landUse, rightType: p.rightType, ownership: parcel.ownershipName, rightTypeName: parcel.rightTypeName },
    registrationType: request.registrationType, changeKind: request.changeKind ?? null, unitCode: request.unitCode ?? null, applicationNo: request.applicationNo, purpose: request.purpose,
    requestedBy: actor.viewer?.username ?? 'hub',
    ...decision,
    lineage,
    boundaryPoints: points?.boundaryPoints.map((b) => ({ part: b.part, ring: b.ring, seq: b.seq, pointNo: b.pointNo, x: b.xText, y: b.yText })) ?? [],
    /** The 界址点 precision class of the result the boundary comes from (the printed 界址点成果表 names it). */
    boundaryPrecisionClass: boundary?.precisionClass ?? null,
    geometry: points?.geometry ?? null,
    geometry4490: points?.geometry4490 ?? null,
    boundaryCheck: check && candidate ? { againstSurveyId: candidate.id, status: candidate.status, ...check.comparison, pairs: undefined } : null,
  };
  const details = { registrationType: request.registrationType, changeKind: request.changeKind ?? null, decision: decision.decision };
  const [actorName, actorId, roles, address] = actorColumns(actor);
  const { rows } = await pool.query(sql('packet-insert-audited'), [
    parcel.code, request.registrationType, request.unitCode ?? null, request.applicationNo, request.purpose, content.requestedBy, decision.decision,
    decision.boundary?.value.surveyId ?? null, JSON.stringify(content), actorName, actorId, roles, address, JSON.stringify(details),
  ]);
  return { packetId: rows[0].id as string, createdAt: rows[0].created_at.toISOString() as string, ...content };
}

export type Packet = Awaited<ReturnType<typeof createPacket>>;

/**
 * A stored packet; every read is recorded under the reader's application and purpose (required: 400 without them),
 * with the packet's own application in the details.
 */
export async function readPacket(pool: pg.Pool, rawId: string, actor: Actor, format: string, why: ReadPurpose = {}): Promise<Packet> {
  const id = requireUuid(rawId);
  const recorded = requirePurpose(actor.viewer, 'packet', why);
  const { rows } = await pool.query(sql('packet-by-id'), [id]);
  if (!rows[0]) throw notFound('PACKET_NOT_FOUND', `There is no registration packet ${id}`);
  const row = rows[0];
  await auditRead(pool, actor, 'packet.read', { parcelCode: row.parcel_code, subjectId: id }, recorded, { format, packetApplicationNo: row.application_no });
  return { packetId: row.id, createdAt: row.created_at.toISOString(), ...row.content };
}

/** The access log of a parcel (R8): packets issued and read, exports. */
export async function accessLog(pool: pg.Pool, parcelCode: string, limit = 500) {
  requireParcelCode(parcelCode);
  const { rows } = await pool.query(sql('access-log'), [parcelCode, limit]);
  return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, roles: r.roles, action: r.action, subjectId: r.subject_id, applicationNo: r.application_no, purpose: r.purpose, clientAddress: r.client_address, details: r.details }));
}

/**
 * GET /api/parcels/{code}/boundary-diff?against=: a stored result's boundary against the current accepted one; or
 * POST with a candidate file (any survey format) compared before it is submitted.
 */
export async function boundaryDiffAgainst(pool: pg.Pool, parcelCode: string, against: { surveyId: string } | { upload: Upload; epsg?: number }, actor?: Actor, why: ReadPurpose = {}) {
  requireParcelCode(parcelCode);
  const recorded = requirePurpose(actor?.viewer ?? null, 'view', why);
  const results = await resultsOfParcel(pool, parcelCode, SEE_ALL);
  const accepted = currentBoundaryResult(results);
  if (!accepted) throw notFound('NO_ACCEPTED_BOUNDARY', `Parcel ${parcelCode} has no accepted boundary to compare with`);
  let candidate: Candidate;
  if ('surveyId' in against) {
    const id = requireUuid(against.surveyId);
    const result = results.find((r) => r.id === id);
    if (!result) throw notFound('SURVEY_NOT_FOUND', `Parcel ${parcelCode} has no survey result ${id}`);
    if (!result.hasGeometry) throw badRequest('SURVEY_HAS_NO_GEOMETRY', `Survey result ${id} has no boundary to compare`);
    candidate = { surveyId: id };
  } else {
    const { value: read } = await readInWorker(against.upload, { requestEpsg: against.epsg });
    if (!read.ok || read.delivery.epsg === null || !zoneCrsFromEpsg(read.delivery.epsg)) {
      const first = read.ok ? undefined : read.findings.find((f) => f.severity === 'error');
      throw badRequest(first?.code ?? 'CRS_MISSING', first?.message ?? `${against.upload.fileName}: the file does not state a CGCS2000 zone CRS; give crs (e.g. EPSG:4526)`, read.ok ? undefined : { findings: read.findings });
    }
    const { delivery } = read;
    let part = 0;
    const points: RingedPoint[] = [];
    for (const plot of delivery.plots) for (const p of plot.parts) {
      part += 1;
      p.rings.forEach((r, i) => points.push(...r.points.map((q) => ({ ...q, part, ring: i + 1 }))));
    }
    const parts = delivery.plots.flatMap((plot) => plotGeometry(plot).coordinates);
    candidate = { points, geometry: { type: 'MultiPolygon', coordinates: parts }, epsg: delivery.epsg! };
  }
  const diff = await boundaryDiff(pool, parcelCode, accepted, candidate);
  if (actor) await auditRead(pool, actor, 'boundary.diff', { parcelCode, subjectId: accepted.id }, recorded, { against: 'surveyId' in against ? against.surveyId : against.upload.fileName });
  return { parcelCode, acceptedSurveyId: accepted.id, againstSurveyId: 'surveyId' in against ? against.surveyId : null, ...diff.comparison, added4490: diff.added4490, removed4490: diff.removed4490 };
}
