// The audit log's tamper-evident chain: each row carries SHA-256(previous row's hash, its content), computed by the
// database on insert (migration 0005); this walks every chain and names the first broken link.
import type pg from 'pg';
import { sql } from '../db/sql-files';

export interface BrokenLink {
  id: string;
  parcelCode: string | null;
  chainSeq: number;
  at: string;
  action: string;
  /** What is wrong with it, in words. */
  reason: string;
}

export interface ChainReport {
  rows: number;
  chains: number;
  /** The oldest row where a chain breaks; null when every chain holds. */
  firstBroken: BrokenLink | null;
}

/** Recomputes every row's hash and link; a row changed, removed or inserted out of turn by its owner shows here. */
export async function verifyAuditChain(pool: Pick<pg.Pool, 'query'>): Promise<ChainReport> {
  const { rows } = await pool.query(sql('audit-chain-check'));
  const r = rows[0];
  const reason = !r.id
    ? ''
    : !r.content_ok
      ? 'its content no longer matches its hash (the row was changed)'
      : !r.seq_ok
        ? 'the row before it in its chain is missing (a row was removed)'
        : 'it does not link to the row before it (prev_hash differs)';
  return {
    rows: Number(r.rows),
    chains: Number(r.chains),
    firstBroken: r.id ? { id: r.id, parcelCode: r.parcel_code?.trim() ?? null, chainSeq: Number(r.chain_seq), at: r.at.toISOString(), action: r.action, reason } : null,
  };
}
