// Typed calls to the hub's API, one function per question the app asks.
import { getJson, sendForm, sendJson } from './http';
import type { HubHealth, MapContextCollection, SurveyKind } from './context.types';
import type { AreaComparison, BoundaryDiff, ListStatus, Packet, PacketRequest, ParcelDetail, ParcelItem, QualityReport, ResultListItem, Session, Stage, SurveyResult } from './types';

/** Tells the map (and lists) that results changed once `request` succeeded: they refetch (hub:data-changed). */
async function changing<T>(request: Promise<T>): Promise<T> {
  const answer = await request;
  window.dispatchEvent(new Event('hub:data-changed'));
  return answer;
}

export const api = {
  session: () => getJson<Session>('/api/session'),
  logIn: (username: string, password: string) => sendJson<Session>('POST', '/api/session', { username, password }),
  logOut: () => sendJson<unknown>('DELETE', '/api/session'),

  parcels: (q: string, limit = 20, bbox?: number[]) => getJson<{ items: ParcelItem[] }>('/api/parcels', { q, limit, bbox: bbox?.join(',') }),
  parcel: (code: string) => getJson<ParcelDetail>(`/api/parcels/${encodeURIComponent(code)}`),
  /**
   * Parcel boundaries and building footprints in EPSG:4490 inside bbox (minLon,minLat,maxLon,maxLat); where the box
   * holds more than the hub draws, points with the parcel count of each grid cell (`aggregated`).
   */
  mapFeatures: (bbox: number[], stage?: Stage) => getJson<GeoJSON.FeatureCollection & { aggregated?: boolean }>('/api/map/features', { bbox: bbox.map((v) => v.toFixed(6)).join(','), stage }),

  /** A result as JSON (a link for people to follow). */
  surveyUrl: (id: string) => `/api/surveys/${encodeURIComponent(id)}`,
  survey: (id: string) => getJson<SurveyResult>(`/api/surveys/${encodeURIComponent(id)}`),
  /** Results by status: the review queue (submitted), 挂起 (suspended), …; `own`: the organisation's own (我的成果). */
  results: (status: ListStatus, own = false) => getJson<{ items: ResultListItem[] }>('/api/surveys', { status, own: own ? 1 : undefined }),
  /** A file of a result in one export format; a registrar's export names its application and purpose (R8). */
  surveyExportUrl: (id: string, format: string, why?: { applicationNo: string; purpose: string }) =>
    `/api/surveys/${encodeURIComponent(id)}/export?format=${format}${why ? `&applicationNo=${encodeURIComponent(why.applicationNo)}&purpose=${encodeURIComponent(why.purpose)}` : ''}`,
  /** A decision; the map's tiles refetch after it (hub:data-changed). */
  review: (id: string, decision: 'accept' | 'reject', note: string) => changing(sendJson<SurveyResult>('POST', `/api/surveys/${encodeURIComponent(id)}/review`, { decision, note })),
  /** 挂起 with a note, or resume: the result leaves or rejoins the queue. */
  suspend: (id: string, note: string) => changing(sendJson<SurveyResult>('POST', `/api/surveys/${encodeURIComponent(id)}/suspend`, { note })),
  resume: (id: string) => changing(sendJson<SurveyResult>('POST', `/api/surveys/${encodeURIComponent(id)}/resume`, {})),
  validate: (form: FormData) => sendForm<QualityReport>('/api/surveys/validate', form),
  submit: (form: FormData) => changing(sendForm<SurveyResult>('/api/surveys', form)),
  boundaryDiff: (code: string, surveyId: string) => getJson<BoundaryDiff>(`/api/parcels/${encodeURIComponent(code)}/boundary-diff`, { against: surveyId }),

  createPacket: (body: PacketRequest) => sendJson<Packet>('POST', '/api/registration-packets', body),
  /** A packet's file; the read is recorded under the application and purpose it is read for (R8). */
  packetUrl: (id: string, format: string, why: { applicationNo: string; purpose: string }) =>
    `/api/registration-packets/${encodeURIComponent(id)}?format=${format}&applicationNo=${encodeURIComponent(why.applicationNo)}&purpose=${encodeURIComponent(why.purpose)}`,

  health: () => getJson<HubHealth>('/api/health'),
  /** 测绘事项 with the stages each may be submitted for. */
  surveyKinds: () => getJson<{ items: SurveyKind[] }>('/api/survey-kinds'),
  /** Province, city and county outlines for the map (approximate, ±1 km). */
  mapContext: () => getJson<MapContextCollection>('/api/map/context'),

  areaComparison: (parcelCode: string) => getJson<AreaComparison>('/api/comparisons/areas', { parcelCode }),
  /** The comparison as CSV; an export by a registrar names its application and purpose (R8). */
  areaComparisonCsvUrl: (parcelCode: string, why: { applicationNo: string; purpose: string }) =>
    `/api/comparisons/areas?parcelCode=${encodeURIComponent(parcelCode)}&format=csv${why.applicationNo.trim() && why.purpose.trim() ? `&applicationNo=${encodeURIComponent(why.applicationNo.trim())}&purpose=${encodeURIComponent(why.purpose.trim())}` : ''}`,
};
