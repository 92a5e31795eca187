// PostgreSQL errors a request can cause, in the hub's own words: a status, a stable code and a message that never
// repeats PostgreSQL's text (which may quote values, name internals, or differ between versions and engines).
import { HubError } from './errors';

interface Known { status: number; code: string; message: string }

/**
 * Constraints named for what they protect: matched by prefix, since Citus appends a shard number to the name
 * (survey_result_parcel_code_supersedes_fkey_102008).
 */
const CONSTRAINTS: Array<[prefix: string, known: Known]> = [
  ['survey_result_parcel_code_supersedes_fkey', { status: 400, code: 'SUPERSEDES_NOT_ON_PARCEL', message: 'supersedes names a survey result that is not a result of this parcel; a correction replaces a result of its own parcel (in a bulk import, give supersedes only for a file of one parcel)' }],
  ['survey_result_parcel_code_superseded_by_fkey', { status: 400, code: 'SUPERSEDES_NOT_ON_PARCEL', message: 'the result being replaced is not a result of this parcel' }],
  ['survey_result_one_pending_correction', { status: 409, code: 'SUPERSEDES_IN_PROGRESS', message: 'your organisation already has a correction of that result on file; a result is corrected once' }],
  ['survey_result_one_correction', { status: 409, code: 'SUPERSEDES_IN_PROGRESS', message: 'another correction of that result is already on file; a result is corrected once' }],
  ['survey_result_kind_fkey', { status: 400, code: 'KIND_UNKNOWN', message: 'kind is not a survey kind the hub knows (e.g. 勘测定界, 权籍调查, 房产预测, 房产实测)' }],
  ['survey_result_parcel_code_fkey', { status: 404, code: 'PARCEL_NOT_FOUND', message: 'the parcel is not registered' }],
  ['registration_packet_parcel_code_fkey', { status: 404, code: 'PARCEL_NOT_FOUND', message: 'the parcel is not registered' }],
  ['unit_parcel_code_fkey', { status: 404, code: 'PARCEL_NOT_FOUND', message: 'the parcel of the unit is not registered' }],
  ['unit_area_parcel_code_unit_code_fkey', { status: 400, code: 'UNIT_NOT_REGISTERED', message: 'a unit of the result is not registered on this parcel; register it (PUT /api/units/{unitCode}) or correct its 不动产单元号' }],
  ['account_username_key', { status: 409, code: 'ACCOUNT_EXISTS', message: 'the username is taken' }],
];

/** Per SQLSTATE (then per class: 22 data, 23 integrity) when no constraint says more. */
const STATES: Record<string, Known> = {
  '22P02': { status: 400, code: 'INVALID_VALUE', message: 'a value has the wrong form (text where a number, date or id is expected)' },
  '22003': { status: 400, code: 'NUMBER_OUT_OF_RANGE', message: 'a number is too large or too small to store' },
  '22007': { status: 400, code: 'INVALID_DATE', message: 'a date is not a calendar date (YYYY-MM-DD)' },
  '22008': { status: 400, code: 'INVALID_DATE', message: 'a date or time is out of range (YYYY-MM-DD)' },
  '22001': { status: 400, code: 'VALUE_TOO_LONG', message: 'a text is longer than the hub stores; shorten it' },
  '22021': { status: 400, code: 'TEXT_INVALID_CHARACTER', message: 'a text contains a character the hub cannot store (NUL, or bytes that are not text in the stated encoding)' },
  '22P05': { status: 400, code: 'TEXT_INVALID_CHARACTER', message: 'a text contains a character the hub cannot store' },
  '2201W': { status: 400, code: 'QUERY_INVALID', message: 'a limit must be a whole number of at least 0' },
  '2201X': { status: 400, code: 'QUERY_INVALID', message: 'an offset must be a whole number of at least 0' },
  '22023': { status: 400, code: 'INVALID_VALUE', message: 'a value is not one the hub can use (for example an unknown coordinate reference system)' },
  '23502': { status: 400, code: 'VALUE_REQUIRED', message: 'a required value is missing' },
  '23503': { status: 400, code: 'REFERENCE_NOT_FOUND', message: 'the request refers to something that is not registered (or not where it was looked for)' },
  '23505': { status: 409, code: 'ALREADY_EXISTS', message: 'this already exists' },
  '23514': { status: 400, code: 'CONSTRAINT_VIOLATED', message: 'a value is outside what the hub accepts' },
  '40001': { status: 409, code: 'CONCURRENT_UPDATE', message: 'another request changed the same data at the same time; try again' },
  '40P01': { status: 409, code: 'CONCURRENT_UPDATE', message: 'another request changed the same data at the same time; try again' },
  '55P03': { status: 409, code: 'CONCURRENT_UPDATE', message: 'the data is being changed by another request; try again' },
  '54000': { status: 413, code: 'REQUEST_TOO_LARGE', message: 'a value is too large for the hub to store or index; split or shorten the input' },
  '54001': { status: 413, code: 'REQUEST_TOO_LARGE', message: 'the request is too complex to run; split the input' },
  '57014': { status: 422, code: 'REQUEST_TOO_EXPENSIVE', message: 'the request took longer than the hub allows; narrow it (a smaller file, extent or page)' },
  OSH01: { status: 409, code: 'RESULT_IMMUTABLE', message: 'an accepted survey result is immutable; submit a correction that supersedes it' },
  OSH02: { status: 409, code: 'AUDIT_APPEND_ONLY', message: 'the audit log is append-only' },
  OSH03: { status: 409, code: 'PARCEL_RETIRED', message: 'the parcel was retired by a split or merge and takes nothing new; apply for its new parcels' },
  OSH12: { status: 409, code: 'SURVEY_SUSPENDED', message: 'the survey result is suspended (挂起): resume it before deciding it, and suspend or resume only a result waiting for review' },
};

const CLASSES: Record<string, Known> = {
  '22': { status: 400, code: 'INVALID_VALUE', message: 'a value cannot be stored as given' },
  '23': { status: 400, code: 'CONSTRAINT_VIOLATED', message: 'the request breaks a rule of the registry' },
};

/** PostGIS reports unprocessable geometry as internal_error (XX000) naming GEOS or liblwgeom. */
const GEOMETRY_FAILURE = /GEOS|lwgeom|geometry|TopologyException/i;
const GEOMETRY: Known = { status: 400, code: 'GEOMETRY_UNPROCESSABLE', message: 'the geometry cannot be processed (a ring may cross itself or collapse); check the rings and their points' };

/** The hub's answer to a database error a request caused, or undefined for a failure of the hub itself. */
export function knownDatabaseError(err: unknown): HubError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { code, constraint, message } = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  // Citus passes a worker's error on without its constraint field: the name is then read from the message.
  const name = typeof constraint === 'string' ? constraint : /constraint "([^"]+)"/.exec(String(message))?.[1];
  const byConstraint = name ? CONSTRAINTS.find(([prefix]) => name.startsWith(prefix))?.[1] : undefined;
  const known = byConstraint ?? STATES[code] ?? CLASSES[code.slice(0, 2)] ?? (code === 'XX000' && GEOMETRY_FAILURE.test(String(message)) ? GEOMETRY : undefined);
  return known && new HubError(known.status, known.code, known.message.charAt(0).toUpperCase() + known.message.slice(1) + '.');
}
