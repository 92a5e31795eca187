// Where each table lives on a Citus cluster: distributed by parcel_code (co-located with parcel), a reference table, or local to the coordinator.

export type Placement = 'distributed' | 'reference' | 'local';

export interface TablePlacement {
  placement: Placement;
  /**
   * The migration from which the placement holds (default: the one that creates the table). Before it the table stays
   * local: audit_event was keyed by id alone until migration 0015 keyed it by (parcel_code, id).
   */
  since?: number;
  /** Why, in one line (the README's scale-out section lists these). */
  why: string;
}

/** The table every distributed table is co-located with. */
export const COLOCATION_TABLE = 'parcel';

/**
 * Every table a migration creates must be named here; on a database without Citus this map is not read. Parents come
 * before their children only in migrations — the runner places a file's tables in the order it needs (SCALE-OUT.md).
 */
export const CITUS_PLACEMENT: Readonly<Record<string, TablePlacement>> = {
  parcel: { placement: 'distributed', why: 'the parcel identity: every parcel-scoped row is co-located with it' },
  unit: { placement: 'distributed', why: 'units of a parcel' },
  survey_result: { placement: 'distributed', why: 'survey results of a parcel' },
  boundary_point: { placement: 'distributed', why: '界址点 of a result' },
  unit_area: { placement: 'distributed', why: 'unit areas of a result' },
  registration_packet: { placement: 'distributed', why: 'registration packets of a parcel' },
  parcel_lineage: { placement: 'distributed', why: 'splits and merges, recorded on each parcel involved' },
  parcel_retirement: { placement: 'distributed', why: 'one row per retired parcel' },
  audit_event: { placement: 'distributed', since: 15, why: 'audit events of one parcel, chained per parcel' },
  survey_kind: { placement: 'reference', why: 'a small code list every result refers to' },
  account: { placement: 'reference', why: 'accounts: few, read on every request, joined from sessions and tokens' },
  session: { placement: 'local', why: 'written on every login: a reference table would make each login a cluster-wide write' },
  api_token: { placement: 'local', why: 'looked up by hash on the coordinator, with its account' },
  audit_hub_event: { placement: 'local', why: 'events without one parcel (logins, accounts, tokens, reads of many parcels): one chain' },
  import_run: { placement: 'local', why: 'bookkeeping of staged imports on the coordinator' },
  import_finding: { placement: 'local', why: 'findings of a staged import' },
};
