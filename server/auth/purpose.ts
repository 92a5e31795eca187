// R8: shared survey data serves registration only. Every read of coordinates or areas is recorded with who read it
// and — where the reader is a registrar or a department — for which application and purpose.
import { badRequest } from '../errors';
import { hasRole, type Viewer } from './viewer';

/** What a reader says a read is for (query parameters applicationNo and purpose). */
export interface ReadPurpose {
  applicationNo?: string;
  purpose?: string;
}

/** What the audit row records: the application and purpose, or a read marked as browsing in the web app. */
export interface RecordedPurpose {
  applicationNo?: string;
  purpose?: string;
  browsing: boolean;
}

/**
 * - `export`: a file leaves the hub (a result's export, a comparison CSV);
 * - `packet`: a registration packet is read;
 * - `view`: the web app (or a client) shows coordinates or areas.
 */
export type ReadKind = 'export' | 'packet' | 'view';

/** Whether this reader must say what a read is for: packet reads, a registrar's exports, anything a department token reads. */
export function purposeRequired(viewer: Viewer | null, kind: ReadKind): boolean {
  if (!viewer) return false;
  if (viewer.via === 'token' || viewer.kind === 'department') return true;
  return kind === 'packet' || (kind === 'export' && hasRole(viewer, 'registrar'));
}

/** The purpose to record, or 400 PURPOSE_REQUIRED naming what is missing when the reader must give it. */
export function requirePurpose(viewer: Viewer | null, kind: ReadKind, why: ReadPurpose): RecordedPurpose {
  const applicationNo = why.applicationNo?.trim() || undefined;
  const purpose = why.purpose?.trim() || undefined;
  if (purposeRequired(viewer, kind) && (!applicationNo || !purpose)) {
    const missing = [applicationNo ? null : 'applicationNo', purpose ? null : 'purpose'].filter(Boolean).join(' and ');
    const reader = viewer!.via === 'token' ? 'a department token' : kind === 'packet' ? 'a packet read' : 'an export by a registrar';
    throw badRequest('PURPOSE_REQUIRED', `give ${missing}: ${reader} records the application (申请编号) and purpose it is for — shared survey data may be used for registration only (R8)`);
  }
  return { applicationNo, purpose, browsing: !applicationNo && !purpose };
}
