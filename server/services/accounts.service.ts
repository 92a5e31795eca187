// Accounts, logins, sessions and API tokens: who a request comes from.
import type pg from 'pg';
import { sql } from '../db/sql-files';
import { badRequest, conflict, HubError, notFound } from '../errors';
import { hashPassword, newSecret, secretHash, verifyPassword } from '../auth/passwords';
import { ROLES, type Role, type Viewer } from '../auth/viewer';
import { audit, HUB_ACTOR, type Actor } from './audit.service';
import { cachedPrincipal, forgetSecret, forgetToken, rememberPrincipal } from '../auth/principal-cache';
import { inOneTransaction } from '../db/one-transaction';

export const SESSION_HOURS = 12;

export interface NewAccount {
  username: string;
  displayName?: string;
  kind: 'person' | 'department';
  roles: Role[];
  organisation?: string | null;
  password?: string;
  countyCodes?: string[] | null;
  demo?: boolean;
}

/** Creates an account; 409 when the username is taken. Recorded in the audit log. */
export async function createAccount(pool: pg.Pool, a: NewAccount, actor: Actor = HUB_ACTOR): Promise<{ id: string }> {
  if (a.roles.some((r) => !ROLES.includes(r))) throw badRequest('ROLE_UNKNOWN', `roles must be among ${ROLES.join(', ')}`);
  if (a.roles.includes('surveyor') && !a.organisation) throw badRequest('ORGANISATION_REQUIRED', 'a surveyor belongs to a survey organisation (测绘单位): give organisation');
  // Demo accounts keep the short, published DEMO_PASSWORD; real people need at least 8 characters.
  if (a.kind === 'person' && (!a.password || (a.password.length < 8 && !a.demo))) throw badRequest('PASSWORD_TOO_SHORT', 'a person needs a password of at least 8 characters');
  const hash = a.password ? await hashPassword(a.password) : null;
  const { rows } = await pool.query(sql('account-insert'), [a.username, a.displayName ?? null, a.kind, a.roles, a.organisation ?? null, hash, a.countyCodes ?? null, a.demo ?? false]);
  if (!rows[0]) throw conflict('ACCOUNT_EXISTS', `the username ${a.username} is taken`);
  await audit(pool, actor, { action: 'account.create', subjectId: rows[0].id, details: { username: a.username, kind: a.kind, roles: a.roles, organisation: a.organisation ?? null, countyCodes: a.countyCodes ?? null } });
  return { id: rows[0].id };
}

const toViewer = (row: Record<string, any>, via: Viewer['via']): Viewer => ({
  accountId: row.id, username: row.username, kind: row.kind, roles: row.roles, organisation: row.organisation,
  countyCodes: row.county_codes, demo: row.demo, via,
});

/** A hash of a random password: checked when the account is unknown, so every failure costs the same time. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password and opens a session; returns the cookie token. One message and one cost for every failure: an
 * unknown, disabled or password-less account still runs scrypt against a dummy hash (no user enumeration by timing).
 * Both outcomes are recorded in the audit log (a failure under the name that was tried).
 */
export async function logIn(pool: pg.Pool, username: string, password: string, clientAddress: string): Promise<{ token: string; viewer: Viewer }> {
  const { rows } = await pool.query(sql('account-by-username'), [username]);
  const row = rows[0];
  const stored: string = row?.password_hash ?? (await (dummyHash ??= hashPassword(newSecret())));
  const matches = await verifyPassword(password, stored);
  const ok = matches && row && !row.disabled_at && row.password_hash;
  if (!ok) {
    const tried: Actor = { viewer: null, clientAddress, name: `login:${username}`.slice(0, 100) };
    await audit(pool, tried, { action: 'session.login', details: { outcome: 'failed', account: row ? row.id : null } });
    throw new HubError(401, 'LOGIN_FAILED', 'The username or password is wrong.');
  }
  const token = newSecret();
  const viewer = toViewer(row, 'session');
  await pool.query(sql('session-insert'), [secretHash(token), row.id, SESSION_HOURS, clientAddress]);
  await audit(pool, { viewer, clientAddress }, { action: 'session.login', details: { outcome: 'ok' } });
  return { token, viewer };
}

/** Ends a session: the database row and this process's cached principal, at once. */
export async function logOut(pool: pg.Pool, token: string): Promise<void> {
  const hash = secretHash(token);
  await pool.query(sql('session-delete'), [hash]);
  // After the delete: a request resolving the session meanwhile may have cached it again.
  forgetSecret(hash);
}

/** The person behind a session cookie; asked of the database at most once per PRINCIPAL_CACHE_MS. */
export async function viewerOfSession(pool: pg.Pool, token: string): Promise<Viewer | undefined> {
  const hash = secretHash(token);
  const cached = cachedPrincipal(hash);
  if (cached) return cached;
  const { rows } = await pool.query(sql('session-resolve'), [hash]);
  if (!rows[0]) return undefined;
  const viewer = toViewer(rows[0], 'session');
  rememberPrincipal(hash, viewer, null, rows[0].expires_at.getTime());
  return viewer;
}

/** The account (and scope) behind a bearer token; asked of the database at most once per PRINCIPAL_CACHE_MS. */
export async function viewerOfToken(pool: pg.Pool, token: string): Promise<Viewer | undefined> {
  const hash = secretHash(token);
  const cached = cachedPrincipal(hash);
  if (cached) return cached;
  const { rows } = await pool.query(sql('token-resolve'), [hash]);
  if (!rows[0]) return undefined;
  const viewer = toViewer(rows[0], 'token');
  rememberPrincipal(hash, viewer, rows[0].token_id);
  return viewer;
}

/**
 * Issues a bearer token for an account (shown once, stored hashed), with roles within the account's and counties
 * within the account's: an account limited to counties needs the token's countyCodes, a subset of them (400).
 */
export async function issueToken(pool: pg.Pool, accountId: string, name: string, roles: Role[], countyCodes: string[] | null, actor: Actor = HUB_ACTOR): Promise<{ id: string; token: string }> {
  const { rows: accounts } = await pool.query(sql('account-roles'), [accountId]);
  if (!accounts[0]) throw notFound('ACCOUNT_NOT_FOUND', `There is no account ${accountId}`);
  const beyond = roles.filter((r) => !accounts[0].roles.includes(r));
  if (beyond.length) throw badRequest('TOKEN_ROLES_BEYOND_ACCOUNT', `the account does not hold ${beyond.join(', ')}; a token's roles are a subset of its account's`);
  const accountCounties: string[] | null = accounts[0].county_codes;
  if (accountCounties && !countyCodes) {
    throw badRequest('TOKEN_COUNTIES_BEYOND_ACCOUNT', `the account works on counties ${accountCounties.join(', ')} only: give countyCodes, a subset of them (without countyCodes a token would reach every county)`);
  }
  const outside = accountCounties && countyCodes ? countyCodes.filter((c) => !accountCounties.includes(c)) : [];
  if (outside.length) throw badRequest('TOKEN_COUNTIES_BEYOND_ACCOUNT', `the account does not work on ${outside.join(', ')}; a token's counties are a subset of its account's (${accountCounties!.join(', ')})`);
  const token = newSecret();
  const { rows } = await pool.query(sql('token-insert'), [accountId, secretHash(token), name, roles, countyCodes]);
  await audit(pool, actor, { action: 'token.issue', subjectId: rows[0].id, details: { account: accountId, name, roles, countyCodes } });
  return { id: rows[0].id, token };
}

export async function revokeToken(pool: pg.Pool, id: string, actor: Actor = HUB_ACTOR): Promise<void> {
  const { rows } = await pool.query(sql('token-revoke'), [id]);
  forgetToken(id); // after the update, so that no request in between caches it again
  if (!rows[0]) throw notFound('TOKEN_NOT_FOUND', `There is no live token ${id}`);
  await audit(pool, actor, { action: 'token.revoke', subjectId: id });
}

export async function listAccounts(pool: pg.Pool) {
  const { rows } = await pool.query(sql('accounts-list'));
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, kind: r.kind, roles: r.roles, organisation: r.organisation, countyCodes: r.county_codes, demo: r.demo, disabled: r.disabled_at !== null }));
}

/**
 * The first start creates an admin: with ADMIN_PASSWORD, or a one-time password printed once. Returns the
 * password printed, if one was generated.
 */
export async function ensureAdmin(pool: pg.Pool, adminPassword: string | undefined): Promise<string | undefined> {
  // Hubs starting together on an empty database take turns: the second sees the first one's admin.
  return inOneTransaction(pool, ADMIN_LOCK, async (scoped) => {
    const { rows } = await scoped.query(sql('admin-exists'));
    if (rows[0].present) return undefined;
    const password = adminPassword ?? newSecret().slice(0, 20);
    await createAccount(scoped, { username: 'admin', displayName: '系统管理员 / Administrator', kind: 'person', roles: ['admin'], password });
    return adminPassword ? undefined : password;
  });
}

const ADMIN_LOCK = 7_426_002;
