// Who may change what (issue 10, items 7–9): a surveyor edits its own organisation's units only; nobody decides a
// result they submitted; another organisation's unreviewed work is invisible — by id, by error code, in search.
import { freshParcelCode, startTestHub, TEST_ORGANISATION, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
const OTHER = '另一家测绘公司';
type As = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
let ours: As;
let theirs: As;

beforeAll(async () => {
  hub = await startTestHub();
  const session = async (roles: ('surveyor' | 'reviewer')[], organisation: string): Promise<As> => {
    const { cookie } = await hub.login(roles, { organisation });
    return async (method, path, body) => {
      const res = await fetch(`${hub.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json().catch(() => null) };
    };
  };
  ours = await session(['surveyor'], TEST_ORGANISATION);
  theirs = await session(['surveyor'], OTHER);
});
afterAll(() => hub.stop());

/** A unit-areas-only completion result (no geometry to place) of `organisation` on the parcel. */
const unitsResult = (parcelCode: string, organisation: string, n = 1, extra: Record<string, unknown> = {}) =>
  landSupplySubmission(parcelCode, { features: undefined, kind: '房产实测', stage: 'completion', organisation, units: [{ unitCode: `${parcelCode}F0001000${n}`, buildingAreaM2: 80 + n }], ...extra });

describe('a unit', () => {
  it('is changed by the organisation that registered it, or a registrar — not by another organisation\'s surveyor', async () => {
    const unitCode = `${freshParcelCode()}F00010001`;
    expect((await ours('PUT', `/api/units/${unitCode}`, { location: '1 幢 101', use: '住宅', floor: '1' })).status).toBe(201);
    const rewrite = await theirs('PUT', `/api/units/${unitCode}`, { location: '伪造坐落', use: '商业', floor: '9' });
    expect([rewrite.status, rewrite.body.code]).toEqual([403, 'UNIT_NOT_YOURS']);
    expect((await ours('PUT', `/api/units/${unitCode}`, { floor: '2' })).status).toBe(200);
    expect((await hub.request('PUT', `/api/units/${unitCode}`, { use: '住宅 (登记)' })).status).toBe(200);
    const { rows } = await hub.pool.query('SELECT location, use, floor FROM unit WHERE unit_code = $1', [unitCode]);
    expect(rows[0]).toEqual({ location: '1 幢 101', use: '住宅 (登记)', floor: '2' });
  });
});

describe('a decision', () => {
  it('is refused to the account that submitted the result, even one holding both roles, and left to another reviewer', async () => {
    const parcelCode = freshParcelCode();
    const both = await hub.login(['surveyor', 'reviewer']);
    const post = (path: string, body: unknown) => fetch(`${hub.url}${path}`, { method: 'POST', headers: { cookie: both.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const submitted = await post('/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION));
    expect(submitted.status).toBe(201);
    const own = await post(`/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
    expect([own.status, own.body.code]).toEqual([403, 'REVIEW_OWN_SUBMISSION']);
    expect((await hub.request('GET', `/api/surveys/${submitted.body.id}`)).body.status).toBe('submitted');
    const other = await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
    expect([other.status, other.body.status, other.body.reviewer]).toEqual([200, 'accepted', expect.not.stringMatching(both.username)]);
  });
});

describe("another organisation's unreviewed work", () => {
  it('is "no such result" when corrected, exactly as an id that does not exist', async () => {
    const parcelCode = freshParcelCode();
    const hidden = await ours('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION));
    const correcting = await theirs('POST', '/api/surveys', unitsResult(parcelCode, OTHER, 2, { supersedes: hidden.body.id }));
    const unknown = await theirs('POST', '/api/surveys', unitsResult(parcelCode, OTHER, 2, { supersedes: '3f2c1e0a-0000-4000-8000-00000000abcd' }));
    expect([correcting.status, correcting.body.code]).toEqual([400, 'SUPERSEDES_NOT_FOUND']);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'SUPERSEDES_NOT_FOUND']);
    // Its own organisation still learns that it is not accepted yet.
    const mine = await ours('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION, 3, { supersedes: hidden.body.id }));
    expect([mine.status, mine.body.code]).toEqual([400, 'SUPERSEDES_NOT_ACCEPTED']);
  });

  it('neither reveals nor blocks a correction of the same accepted result; the reviewer decides which one stands', async () => {
    const parcelCode = freshParcelCode();
    const original = await hub.request('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION));
    await hub.request('POST', `/api/surveys/${original.body.id}/review`, { decision: 'accept' });
    const first = await ours('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION, 2, { supersedes: original.body.id }));
    const second = await theirs('POST', '/api/surveys', unitsResult(parcelCode, OTHER, 3, { supersedes: original.body.id }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await hub.request('POST', `/api/surveys/${second.body.id}/review`, { decision: 'accept' })).status).toBe(200);
    const late = await hub.request('POST', `/api/surveys/${first.body.id}/review`, { decision: 'accept' });
    expect([late.status, late.body.code]).toEqual([409, 'SUPERSEDES_ALREADY_SUPERSEDED']);
    expect((await hub.request('GET', `/api/surveys/${original.body.id}`)).body.supersededBy).toBe(second.body.id);
  });

  it('keeps the parcel and units a submission brought out of search and the parcel until a result of it is accepted', async () => {
    const parcelCode = freshParcelCode();
    const submitted = await ours('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION));
    const seen = async (as: As) => {
      const found = await as('GET', `/api/parcels?q=${parcelCode}`);
      const parcel = await as('GET', `/api/parcels/${parcelCode}`);
      return { search: found.body.items.length, parcel: parcel.status, units: parcel.body.units?.length ?? null };
    };
    expect(await seen(ours)).toEqual({ search: 1, parcel: 200, units: 1 });
    expect(await seen(theirs)).toEqual({ search: 0, parcel: 404, units: null });
    await hub.request('POST', `/api/surveys/${submitted.body.id}/review`, { decision: 'accept' });
    expect(await seen(theirs)).toEqual({ search: 1, parcel: 200, units: 1 });
    // A unit another organisation's new submission brings stays its own until accepted.
    await ours('POST', '/api/surveys', unitsResult(parcelCode, TEST_ORGANISATION, 2));
    expect(await seen(theirs)).toEqual({ search: 1, parcel: 200, units: 1 });
    expect(await seen(ours)).toEqual({ search: 1, parcel: 200, units: 2 });
  });
});
