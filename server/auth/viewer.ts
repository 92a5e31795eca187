// Who is asking: roles, organisation and county scope — and what that lets them see.

export const ROLES = ['surveyor', 'reviewer', 'registrar', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The principal behind a request: a person with a session, or a department's API token. */
export interface Viewer {
  accountId: string;
  username: string;
  kind: 'person' | 'department';
  roles: Role[];
  /** The survey organisation of a surveyor. */
  organisation: string | null;
  /** County codes the principal may work on; null = all. */
  countyCodes: string[] | null;
  demo: boolean;
  /** How it authenticated. */
  via: 'session' | 'token';
}

/**
 * The visibility filter every query of results applies: a surveyor (who holds no other role) sees accepted
 * results and its own organisation's; everyone else sees all. `null` organisation = no restriction.
 */
export interface Visibility {
  organisation: string | null;
  countyCodes: string[] | null;
}

export function visibilityOf(viewer: Viewer): Visibility {
  const onlySurveyor = viewer.roles.every((r) => r === 'surveyor');
  return { organisation: onlySurveyor ? viewer.organisation ?? '' : null, countyCodes: viewer.countyCodes };
}

/** Everything visible: for the hub's own work (demo loading, tests of the data layer). */
export const SEE_ALL: Visibility = { organisation: null, countyCodes: null };

export const hasRole = (viewer: Viewer, ...roles: Role[]) => viewer.roles.some((r) => roles.includes(r));

/** Whether the principal may work on a parcel of this code (its county scope). */
export const inCounty = (viewer: Viewer, parcelCode: string) => !viewer.countyCodes || viewer.countyCodes.includes(parcelCode.slice(0, 6));

/**
 * The survey organisation a registry write is made for: a surveyor's own (it then changes only what its
 * organisation registered), or null for a registrar, an admin or the hub (the registry itself).
 */
export const writingOrganisation = (viewer: Viewer | null): string | null =>
  !viewer || hasRole(viewer, 'registrar', 'admin') ? null : viewer.organisation ?? '';

/** Whether a parcel or unit registered by `registeredBy` (null: the registry) shows to the viewer before any result of it is accepted. */
export const seesRegistration = (visibility: Visibility, registeredBy: string | null) =>
  visibility.organisation === null || registeredBy === null || registeredBy === visibility.organisation;
