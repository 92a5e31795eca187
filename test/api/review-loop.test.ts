// The review loop: a reviewer suspends (挂起) a submitted result with a note and resumes it later, returns one with a
// note that its organisation reads in 我的成果 and corrects; the queue, the lists, the database guard and the audit log agree.
import { freshParcelCode, startTestHub, expectSchema, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';

let hub: TestHub;
let reviewer: { cookie: string; username: string };
beforeAll(async () => {
  hub = await startTestHub();
  reviewer = await hub.login(['reviewer']);
});
afterAll(() => hub.stop());

async function as(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${hub.url}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function submitted(): Promise<string> {
  const res = await hub.request('POST', '/api/surveys', landSupplySubmission(freshParcelCode()));
  expect(res.status).toBe(201);
  return res.body.id;
}

const idsOf = async (status: string) => ((await as(reviewer.cookie, 'GET', `/api/surveys?status=${status}`)).body.items as Array<{ id: string }>).map((i) => i.id);

describe('a reviewer suspends a submitted result', () => {
  it('takes it out of the queue into the 挂起 list with the note, until it is resumed', async () => {
    const id = await submitted();
    expect(await idsOf('submitted')).toContain(id);

    const suspended = await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '等待规划核实意见' });
    expect(suspended.status).toBe(200);
    expectSchema('survey-result', suspended.body);
    expect(suspended.body).toMatchObject({ status: 'submitted', suspension: { by: reviewer.username, note: '等待规划核实意见' } });
    expect(await idsOf('submitted')).not.toContain(id);
    const list = await as(reviewer.cookie, 'GET', '/api/surveys?status=suspended');
    expectSchema('result-list', list.body);
    expect(list.body.items.find((i: { id: string }) => i.id === id).suspension.note).toBe('等待规划核实意见');

    const resumed = await as(reviewer.cookie, 'POST', `/api/surveys/${id}/resume`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.suspension).toBeNull();
    expect(await idsOf('submitted')).toContain(id);
    expect(await idsOf('suspended')).not.toContain(id);
  });

  it('cannot be decided while suspended (409 SURVEY_SUSPENDED), and can once resumed', async () => {
    const id = await submitted();
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '缺少出让合同' });
    const refused = await as(reviewer.cookie, 'POST', `/api/surveys/${id}/review`, { decision: 'accept' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'SURVEY_SUSPENDED' } });
    expect((await hub.request('GET', `/api/surveys/${id}`)).body.status).toBe('submitted');

    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/resume`, {});
    const accepted = await as(reviewer.cookie, 'POST', `/api/surveys/${id}/review`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
  });

  it('answers 409 for a second suspension, a resumption of a result that waits in the queue, and a decided result', async () => {
    const id = await submitted();
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '第一次' });
    expect(await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '第二次' })).toMatchObject({ status: 409, body: { code: 'SURVEY_ALREADY_SUSPENDED' } });
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/resume`, {});
    expect(await as(reviewer.cookie, 'POST', `/api/surveys/${id}/resume`, {})).toMatchObject({ status: 409, body: { code: 'SURVEY_NOT_SUSPENDED' } });
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/review`, { decision: 'reject', note: '退回' });
    expect(await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '太晚了' })).toMatchObject({ status: 409, body: { code: 'SURVEY_ALREADY_DECIDED' } });
  });

  it('needs a note to suspend, and refuses a surveyor', async () => {
    const id = await submitted();
    expect(await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, {})).toMatchObject({ status: 400, body: { code: 'SUSPEND_NOTE_REQUIRED' } });
    expect(await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '' })).toMatchObject({ status: 400 });
    const surveyor = await hub.login(['surveyor']);
    expect((await as(surveyor.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '我来挂起' })).status).toBe(403);
    expect((await hub.request('GET', `/api/surveys/${id}`)).body.suspension).toBeNull();
  });

  it('records the suspension and the resumption in the audit log with the note', async () => {
    const id = await submitted();
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '核对界址点' });
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/resume`, { note: '已核对' });
    const { rows } = await hub.pool.query("SELECT action, actor, details FROM audit_event WHERE subject_id = $1 AND action IN ('survey.suspend', 'survey.resume') ORDER BY at, id", [id]);
    expect(rows.map((r) => [r.action, r.actor, r.details.note])).toEqual([['survey.suspend', reviewer.username, '核对界址点'], ['survey.resume', reviewer.username, '已核对']]);
  });
});

describe('the database guards a suspension like a decision', () => {
  it('refuses an UPDATE that decides a suspended result, or suspends a decided one', async () => {
    const id = await submitted();
    await as(reviewer.cookie, 'POST', `/api/surveys/${id}/suspend`, { note: '挂起' });
    await expect(hub.pool.query("UPDATE survey_result SET status = 'accepted', reviewer = 'x', reviewed_at = now() WHERE id = $1", [id])).rejects.toThrow(/suspended and cannot be decided/);
    const decided = await submitted();
    await hub.request('POST', `/api/surveys/${decided}/review`, { decision: 'accept' });
    await expect(hub.pool.query("UPDATE survey_result SET suspended_at = now(), suspended_by = 'x', suspend_note = 'y' WHERE id = $1", [decided])).rejects.toThrow(/only a submitted result can be suspended/);
  });
});

describe("a surveyor's 我的成果", () => {
  it("lists its organisation's results of every status with the reviewer's note, and nobody else's", async () => {
    const mine = await hub.login(['surveyor'], { organisation: '焦作市我的成果测绘有限公司' });
    const other = await hub.login(['surveyor'], { organisation: '焦作市别家测绘有限公司' });
    const submit = async (cookie: string, organisation: string) => (await as(cookie, 'POST', '/api/surveys', landSupplySubmission(freshParcelCode(), { organisation }))).body.id as string;
    const returned = await submit(mine.cookie, '焦作市我的成果测绘有限公司');
    const waiting = await submit(mine.cookie, '焦作市我的成果测绘有限公司');
    const theirs = await submit(other.cookie, '焦作市别家测绘有限公司');
    await as(reviewer.cookie, 'POST', `/api/surveys/${returned}/review`, { decision: 'reject', note: '界址点J3坐标有误' });

    const list = await as(mine.cookie, 'GET', '/api/surveys?status=all&own=1');
    expectSchema('result-list', list.body);
    const byId = new Map(list.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(returned)).toMatchObject({ status: 'rejected', reviewNote: '界址点J3坐标有误', reviewer: reviewer.username });
    expect(byId.get(waiting)).toMatchObject({ status: 'submitted', reviewNote: null });
    expect(byId.has(theirs)).toBe(false);
    expect(list.body.items.every((i: { organisation: string }) => i.organisation === '焦作市我的成果测绘有限公司')).toBe(true);
    const rejectedOnly = await as(mine.cookie, 'GET', '/api/surveys?status=rejected&own=1');
    expect(rejectedOnly.body.items.map((i: { id: string }) => i.id)).toEqual([returned]);
  });
});

describe('a returned result', () => {
  it('is corrected by its organisation with a result that names it; accepting the correction leaves it returned', async () => {
    const ours = await hub.login(['surveyor'], { organisation: '焦作市更正测绘有限公司' });
    const parcelCode = freshParcelCode();
    const returned = (await as(ours.cookie, 'POST', '/api/surveys', landSupplySubmission(parcelCode, { organisation: '焦作市更正测绘有限公司' }))).body.id as string;
    await as(reviewer.cookie, 'POST', `/api/surveys/${returned}/review`, { decision: 'reject', note: '界址点J2与邻宗重叠' });

    const correction = await as(ours.cookie, 'POST', '/api/surveys', landSupplySubmission(parcelCode, { organisation: '焦作市更正测绘有限公司', supersedes: returned }));
    expect(correction.status).toBe(201);
    expect(correction.body.supersedes).toBe(returned);
    const accepted = await as(reviewer.cookie, 'POST', `/api/surveys/${correction.body.id}/review`, { decision: 'accept' });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
    const before = await as(ours.cookie, 'GET', `/api/surveys/${returned}`);
    expect(before.body).toMatchObject({ status: 'rejected', supersededBy: null, reviewNote: '界址点J2与邻宗重叠' });
  });

  it("cannot be named by another organisation's result (it is not theirs to see)", async () => {
    const ours = await hub.login(['surveyor'], { organisation: '焦作市原测绘有限公司' });
    const theirs = await hub.login(['surveyor'], { organisation: '焦作市他家测绘有限公司' });
    const parcelCode = freshParcelCode();
    const returned = (await as(ours.cookie, 'POST', '/api/surveys', landSupplySubmission(parcelCode, { organisation: '焦作市原测绘有限公司' }))).body.id as string;
    await as(reviewer.cookie, 'POST', `/api/surveys/${returned}/review`, { decision: 'reject', note: '退回' });
    const correcting = await as(theirs.cookie, 'POST', '/api/surveys', landSupplySubmission(parcelCode, { organisation: '焦作市他家测绘有限公司', supersedes: returned }));
    expect([correcting.status, correcting.body.code]).toEqual([400, 'SUPERSEDES_NOT_FOUND']);
  });
});
