import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { citizen, official, PROCEDURE, readyDraft, twoAgencies, upload } from '../../../../test/support/dossier-fixtures.ts';
import { DOSSIER_CODE_PATTERN } from './dossier.types.ts';

let t: TestApp;
let agencyA: string;
let agencyB: string;

beforeAll(async () => {
  t = await createTestApp();
  [agencyA, agencyB] = await twoAgencies(t.app);
});
afterAll(async () => t?.close());

const errorCode = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code ?? String(e));

describe('dossier lifecycle on real PostgreSQL', () => {
  it('a citizen files a dossier that officials accept, ask to supplement, process, approve and return; the citizen rates it', async () => {
    const { drafts, actions, queries, ratings } = t.app.modules.dossiers;
    const person = await citizen(t.app);
    const desk = await official(t.app, agencyA, ['intake_officer']);
    const unit = await official(t.app, agencyA, ['processing_officer']);
    const leader = await official(t.app, agencyA, ['approver']);

    const draft = await readyDraft(t.app, person, agencyA);
    expect(draft.status).toBe('draft');
    expect(draft.answers.applicant_full_name).toBe('Nguyễn Thị Hương'); // prefilled: never ask twice

    const submitted = await drafts.submit(person.actor, draft.id);
    expect(submitted.status).toBe('submitted');
    expect(submitted.code).toMatch(DOSSIER_CODE_PATTERN);
    expect(submitted.code!.startsWith(`${agencyA}-`)).toBe(true);
    expect(submitted.dueAt).not.toBeNull();
    expect(submitted.applicant.idNumber).toBe(person.profile.idNumber);

    const received = await actions.act(desk.actor, draft.id, 'accept', {}, 'k-accept');
    expect(received.status).toBe('received');
    const asked = await actions.act(desk.actor, draft.id, 'request_supplement', { items: [{ name: 'Giấy tờ chứng minh chỗ ở mới', reason: 'Bản chụp bị mờ' }] }, 'k-supp');
    expect(asked.status).toBe('supplement_requested');
    expect(asked.pausedAt).not.toBeNull();
    expect(await errorCode(actions.act(desk.actor, draft.id, 'approve', { resultText: 'x' }))).toBe('DOSSIER_ACTION_NOT_ALLOWED');

    const file = await upload(t.app, person.account.id, 'bo-sung.pdf');
    const resumed = await actions.act(person.actor, draft.id, 'provide_supplement', { files: [{ requirementKey: 'supplement', fileId: file.id }] }, 'k-provide');
    expect(resumed.status).toBe('received');
    expect(resumed.pausedAt).toBeNull();
    expect(new Date(resumed.dueAt!).getTime()).toBeGreaterThanOrEqual(new Date(submitted.dueAt!).getTime());

    const processing = await actions.act(desk.actor, draft.id, 'forward', { toAccountId: unit.account.id }, 'k-fwd');
    expect(processing.status).toBe('processing');
    expect(processing.holderAccountId).toBe(unit.account.id);
    await actions.act(unit.actor, draft.id, 'note', { text: 'Đã xác minh với công an xã' });
    expect(await errorCode(actions.act(desk.actor, draft.id, 'approve', { resultText: 'x' }))).toBe('DOSSIER_FORBIDDEN');
    const toLeader = await actions.act(unit.actor, draft.id, 'forward', { toAccountId: leader.account.id });
    expect(toLeader.stepIndex).toBe(2);
    const resultFile = await upload(t.app, leader.account.id, 'ket-qua.pdf');
    const resolved = await actions.act(leader.actor, draft.id, 'approve', { resultText: 'Đã xóa đăng ký thường trú', files: [{ fileId: resultFile.id }] }, 'k-approve');
    expect(resolved.status).toBe('resolved');
    const returned = await actions.act(desk.actor, draft.id, 'return_result', { mode: 'electronic' }, 'k-return');
    expect(returned.status).toBe('returned');

    const mine = await queries.get(person.actor, draft.id);
    expect(mine.events.map((e) => e.type)).toEqual(['submitted', 'received', 'supplement_requested', 'supplement_provided', 'forwarded', 'forwarded', 'resolved', 'returned']);
    expect(mine.files.map((f) => f.purpose).sort()).toEqual(['result', 'submission', 'submission', 'supplement'].sort());
    const seenByOfficial = await queries.get(unit.actor, draft.id);
    expect(seenByOfficial.events.some((e) => e.type === 'note' && e.internal)).toBe(true);

    const scores = await ratings.rate(person.actor, draft.id, { deskContacts: 'none', agenciesContacted: 'desk_only', staffConduct: 'good', easeOfUse: 'very_satisfied', overall: 'satisfied' });
    expect(scores.index3).toBe(2);
    expect(scores.index1).not.toBeNull();
    expect(await errorCode(ratings.rate(person.actor, draft.id, { deskContacts: 'none', agenciesContacted: 'none', staffConduct: 'good', easeOfUse: 'satisfied', overall: 'satisfied' }))).toBe('DOSSIER_ALREADY_RATED');

    // One platform event per public dossier event (outbox), none for the internal note.
    const published = await t.database.db.selectFrom('platform_event').select('type').where('type', 'like', 'dossier.%').where(sql`payload->>'dossierId'`, '=', draft.id).execute();
    expect(published.map((p) => p.type)).not.toContain('dossier.note');
    expect(published.length).toBe(mine.events.length + 1); // + rated
  });

  it('a double-clicked submit makes exactly one dossier with one code', async () => {
    const person = await citizen(t.app);
    const draft = await readyDraft(t.app, person, agencyA);
    const [a, b] = await Promise.all([t.app.modules.dossiers.drafts.submit(person.actor, draft.id), t.app.modules.dossiers.drafts.submit(person.actor, draft.id)]);
    expect(a.code).toBe(b.code);
    const events = await t.database.db.selectFrom('dossier_event').select('type').where('dossier_id', '=', draft.id).execute();
    expect(events).toEqual([{ type: 'submitted' }]);
  });

  it('codes count per agency and day without gaps, even under concurrency', async () => {
    const person = await citizen(t.app);
    const dossiers = await Promise.all(Array.from({ length: 6 }, () => readyDraft(t.app, person, agencyB)));
    const codes = (await Promise.all(dossiers.map((d) => t.app.modules.dossiers.drafts.submit(person.actor, d.id)))).map((d) => d.code!);
    const numbers = codes.map((c) => Number(c.split('-').at(-1))).sort((x, y) => x - y);
    expect(new Set(codes).size).toBe(6);
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
  });

  it('refuses what the rules forbid and leaves nothing half-written', async () => {
    const { drafts, actions, queries } = t.app.modules.dossiers;
    const person = await citizen(t.app);
    const other = await citizen(t.app, 'Lê Văn Khác');
    const deskA = await official(t.app, agencyA, ['intake_officer', 'processing_officer']);
    const deskB = await official(t.app, agencyB, ['intake_officer', 'processing_officer', 'approver']);

    // Missing documents and answers are listed all at once.
    const bare = await drafts.create(person.actor, person.profile, { procedureCode: PROCEDURE, agencyCode: agencyA });
    const invalid = await drafts.submit(person.actor, bare.id).catch((e) => e);
    expect(invalid.code).toBe('DOSSIER_INVALID');
    expect(invalid.extra.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['request_summary']));
    expect(invalid.extra.errors.filter((e: { code: string }) => e.code === 'document_missing').length).toBeGreaterThan(0);
    expect((await queries.get(person.actor, bare.id)).status).toBe('draft');

    const draft = await readyDraft(t.app, person, agencyA);
    await drafts.submit(person.actor, draft.id);
    // Another agency's official: not found (nothing leaks), and nothing changes.
    expect(await errorCode(actions.act(deskB.actor, draft.id, 'accept', {}))).toBe('DOSSIER_NOT_FOUND');
    expect(await errorCode(queries.get(deskB.actor, draft.id))).toBe('DOSSIER_NOT_FOUND');
    expect(await errorCode(queries.get(other.actor, draft.id))).toBe('DOSSIER_NOT_FOUND');
    // Not from this status.
    expect(await errorCode(actions.act(deskA.actor, draft.id, 'return_result', {}))).toBe('DOSSIER_ACTION_NOT_ALLOWED');
    // Someone else's upload cannot be attached.
    const foreign = await upload(t.app, other.account.id);
    const bareDraft = await drafts.create(person.actor, person.profile, { procedureCode: PROCEDURE, agencyCode: agencyA });
    expect(await errorCode(drafts.attach(person.actor, bareDraft.id, { requirementKey: (await t.app.modules.dossiers.services.byId(bareDraft.serviceConfigId!)).terms.documents[0]!.key, fileId: foreign.id }))).toBe('DOSSIER_INVALID');

    // Idempotency: the same key twice acts once; the same key for another action is a conflict.
    await actions.act(deskA.actor, draft.id, 'accept', {}, 'same-key');
    await actions.act(deskA.actor, draft.id, 'accept', {}, 'same-key');
    expect(await errorCode(actions.act(deskA.actor, draft.id, 'stop', { reasons: 'x' }, 'same-key'))).toBe('DOSSIER_IDEMPOTENCY_CONFLICT');
    const events = await t.database.db.selectFrom('dossier_event').select('type').where('dossier_id', '=', draft.id).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['submitted', 'received']);

    // A supplement once per stage, with the full list.
    await actions.act(deskA.actor, draft.id, 'forward', {});
    await actions.act(deskA.actor, draft.id, 'request_supplement', { items: [{ name: 'Tờ khai CT01', reason: 'Thiếu chữ ký' }] });
    const file = await upload(t.app, person.account.id);
    await actions.act(person.actor, draft.id, 'provide_supplement', { files: [{ requirementKey: 'supplement', fileId: file.id }] });
    expect(await errorCode(actions.act(deskA.actor, draft.id, 'request_supplement', { items: [{ name: 'Khác', reason: 'Khác' }] }))).toBe('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');

    // Apology and extension: later than the current appointment, once.
    const before = await queries.get(deskA.actor, draft.id);
    expect(await errorCode(actions.act(deskA.actor, draft.id, 'extend', { reason: 'Cần xác minh', newDueAt: new Date(new Date(before.dueAt!).getTime() - 3600_000).toISOString() }))).toBe('DOSSIER_INVALID');
    const later = new Date(new Date(before.dueAt!).getTime() + 3 * 86400_000).toISOString();
    const extended = await actions.act(deskA.actor, draft.id, 'extend', { reason: 'Cần xác minh thêm', newDueAt: later });
    expect(extended.dueAt).toBe(later);
    expect(await errorCode(actions.act(deskA.actor, draft.id, 'extend', { reason: 'Lần nữa', newDueAt: new Date(new Date(later).getTime() + 86400_000).toISOString() }))).toBe('DOSSIER_ALREADY_EXTENDED');
  });

  it('a supplement answered after its deadline is refused and the dossier stays waiting', async () => {
    const { drafts, actions, queries } = t.app.modules.dossiers;
    const person = await citizen(t.app);
    const desk = await official(t.app, agencyA, ['intake_officer']);
    const draft = await readyDraft(t.app, person, agencyA);
    await drafts.submit(person.actor, draft.id);
    await actions.act(desk.actor, draft.id, 'request_supplement', { items: [{ name: 'Tờ khai CT01', reason: 'Thiếu' }] });
    await t.database.db.updateTable('dossier').set({ supplement_due_at: new Date(Date.now() - 60_000) }).where('id', '=', draft.id).execute();
    const file = await upload(t.app, person.account.id);
    expect(await errorCode(actions.act(person.actor, draft.id, 'provide_supplement', { files: [{ requirementKey: 'supplement', fileId: file.id }] }))).toBe('DOSSIER_SUPPLEMENT_EXPIRED');
    const after = await queries.get(person.actor, draft.id);
    expect(after.status).toBe('supplement_requested');
    expect(after.files.filter((f) => f.purpose === 'supplement')).toEqual([]);
  });

  it('queues and the public lookup', async () => {
    const { drafts, queries, desk } = t.app.modules.dossiers;
    const person = await citizen(t.app, 'Phạm Thị Tra Cứu');
    const intake = await official(t.app, agencyB, ['intake_officer']);
    const draft = await readyDraft(t.app, person, agencyB);
    const dossier = await drafts.submit(person.actor, draft.id);
    const fresh = await queries.queue(intake.actor, { queue: 'new', limit: 50, offset: 0 });
    expect(fresh.items.map((d) => d.id)).toContain(draft.id);
    expect((await queries.queue(intake.actor, { queue: 'new', q: 'Tra Cứu', limit: 50, offset: 0 })).items.map((d) => d.id)).toEqual([draft.id]);
    const outsider = await official(t.app, agencyA, ['intake_officer']);
    expect((await queries.queue(outsider.actor, { queue: 'all', limit: 500, offset: 0 })).items.map((d) => d.id)).not.toContain(draft.id);

    const found = await queries.lookup(dossier.code!, person.profile.idNumber!);
    expect(found.status).toBe('submitted');
    expect(found.statusCode).toBe(1);
    expect(await errorCode(queries.lookup(dossier.code!, '001090099999'))).toBe('DOSSIER_LOOKUP_FAILED');

    const filed = await desk.file(intake.actor, {
      procedureCode: PROCEDURE,
      agencyCode: agencyB,
      channel: 'in_person',
      applicant: { fullName: 'Đỗ Văn Quầy', idNumber: '001090077777' },
      answers: { applicant_full_name: 'Đỗ Văn Quầy', applicant_date_of_birth: '1980-01-02', applicant_id_number: '001090077777', applicant_phone: '0987654321', applicant_permanent_address: person.profile.permanentAddress, request_summary: 'Nộp tại quầy' },
      documentsChecked: (await t.app.modules.dossiers.services.current(PROCEDURE, agencyB)).terms.documents.filter((d) => d.required).map((d) => d.key),
    });
    expect(filed.status).toBe('received');
    expect(filed.origin).toBe('desk');
    expect((await queries.lookup(filed.code!, '001090077777')).statusCode).toBe(2);
  });
});

describe('desk filing', () => {
  it('the same form posted twice at once files one dossier', async () => {
    const intake = await official(t.app, agencyA, ['intake_officer']);
    const person = await citizen(t.app);
    const input = {
      procedureCode: PROCEDURE,
      agencyCode: agencyA,
      channel: 'postal' as const,
      applicant: { fullName: 'Vũ Thị Bưu Điện', idNumber: '001190055555' },
      answers: { applicant_full_name: 'Vũ Thị Bưu Điện', applicant_date_of_birth: '1991-03-04', applicant_id_number: '001190055555', applicant_phone: '0912000111', applicant_permanent_address: person.profile.permanentAddress, request_summary: 'Gửi qua bưu điện' },
      documentsChecked: (await t.app.modules.dossiers.services.current(PROCEDURE, agencyA)).terms.documents.filter((d) => d.required).map((d) => d.key),
    };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => t.app.modules.dossiers.desk.file(intake.actor, input, 'desk-form-1')));
    expect(new Set([a!.id, b!.id, c!.id]).size).toBe(1);
    expect(a!.channel).toBe('postal');
  });
});
