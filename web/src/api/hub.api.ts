// Typed calls to the hub's API, one function per question the app asks.
import { getJson, sendForm, sendJson } from './http';
import type { HubHealth, MapContextCollection, SurveyKind } from './context.types';
import type { AreaComparison, BoundaryDiff, Packet, PacketRequest, ParcelDetail, ParcelItem, QualityReport, Session, Stage, SurveyResult } from './types';

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
  reviewQueue: () => getJson<{ items: SurveyResult[] } | SurveyResult[]>('/api/surveys', { status: 'submitted' }),
  /** A decision; the map's tiles refetch after it (hub:data-changed). */
  review: async (id: string, decision: 'accept' | 'reject', note: string) => {
    const result = await sendJson<SurveyResult>('POST', `/api/surveys/${encodeURIComponent(id)}/review`, { decision, note });
    window.dispatchEvent(new Event('hub:data-changed'));
    return result;
  },
  validate: (form: FormData) => sendForm<QualityReport>('/api/surveys/validate', form),
  submit: (form: FormData) => sendForm<SurveyResult>('/api/surveys', form),
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
