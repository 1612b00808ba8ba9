import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../../test/support/app.ts';
import { citizen, official, PROCEDURE, readyDraft } from '../../../../../../test/support/dossier-fixtures.ts';
import type { Dossier } from '../../../core/dossier.types.ts';
import { logInOfficial, type OfficeBrowser } from '../back-office.test-support.ts';

let t: TestApp;
let agency: string;
let second: string;

beforeAll(async () => {
  t = await createTestApp();
  // Agencies no other test file uses, so the queues hold exactly this file's dossiers.
  const rows = await t.database.db.selectFrom('agency').select('code').where('kind', '=', 'commune_pc').orderBy('code').offset(10).limit(2).execute();
  [agency, second] = [rows[0]!.code, rows[1]!.code];
});
afterAll(async () => t?.close());

const codesIn = (html: string) => [...html.matchAll(/href="\/can-bo\/ho-so\/[0-9a-f-]{36}">([^<]+)</g)].map((m) => m[1]!).sort();
const tabCount = (html: string, label: string) => Number(new RegExp(`${label} <span class="odvc-subnav__count">(\\d+)</span>`).exec(html)?.[1]);

describe('the queues', () => {
  it('show each dossier in the right queue, with counts, filters, search and paging', async () => {
    const { drafts, actions } = t.app.modules.dossiers;
    const officer = await official(t.app, agency, ['intake_officer', 'processing_officer', 'approver'], 'Ngô Thanh Vân');
    const person = await citizen(t.app, 'Trịnh Công Sơn');
    const make = async (agencyCode = agency) => drafts.submit(person.actor, (await readyDraft(t.app, person, agencyCode)).id);
    const setDue = (id: string, due: Date) => t.database.db.updateTable('dossier').set({ due_at: due }).where('id', '=', id).execute();

    const fresh = await make();
    const received = await make();
    await actions.act(officer.actor, received.id, 'accept', {});
    const soon = await make();
    await actions.act(officer.actor, soon.id, 'accept', {});
    await setDue(soon.id, new Date(Date.now() + 24 * 3600_000));
    const late = await make();
    await actions.act(officer.actor, late.id, 'accept', {});
    await actions.act(officer.actor, late.id, 'forward', { toAccountId: officer.account.id });
    await setDue(late.id, new Date(Date.now() - 3600_000));
    const waiting = await make();
    await actions.act(officer.actor, waiting.id, 'request_supplement', { items: [{ name: 'Bản sao giấy khai sinh', reason: 'Thiếu' }] });
    const resolved = await make();
    await actions.act(officer.actor, resolved.id, 'accept', {});
    await actions.act(officer.actor, resolved.id, 'forward', {});
    await actions.act(officer.actor, resolved.id, 'approve', { resultText: 'Xong' });
    const refused = await make();
    await actions.act(officer.actor, refused.id, 'refuse', { reasons: 'Không thuộc thẩm quyền' });
    const elsewhere = await make(second);

    const b = await logInOfficial(t, officer.account.email!, officer.password);
    const expectQueue = async (queue: string, expected: Dossier[]) => {
      const page = await b.get(`/can-bo/ho-so?hang-doi=${queue}`);
      expect(page.status, queue).toBe(200);
      expect(codesIn(page.body), queue).toEqual(expected.map((d) => d.code!).sort());
      return page;
    };
    const first = await expectQueue('new', [fresh]);
    expect(first.body).toContain('aria-current="page">Chờ tiếp nhận');
    await expectQueue('in_progress', [received, soon, late]);
    await expectQueue('due_soon', [soon]);
    await expectQueue('overdue', [late]);
    await expectQueue('waiting', [waiting]);
    await expectQueue('resolved', [resolved]);
    await expectQueue('finished', [refused]);
    const all = await expectQueue('all', [fresh, received, soon, late, waiting, resolved, refused]);
    expect(codesIn(all.body)).not.toContain(elsewhere.code);
    expect(tabCount(all.body, 'Chờ tiếp nhận')).toBe(1);
    expect(tabCount(all.body, 'Đang xử lý')).toBe(3);
    expect(tabCount(all.body, 'Quá hạn')).toBe(1);
    expect(tabCount(all.body, 'Tất cả')).toBe(7);
    // Each row: status in words and national code, progress tag, holder.
    expect(all.body).toContain('Đang xử lý (4)');
    expect(all.body).toContain('Đã quá hạn');
    expect(all.body).toContain('Ngô Thanh Vân');
    expect(all.body).toContain(PROCEDURE);

    // Filters: assigned to me, search by code, ID number and name, procedure code (a bad one is an error).
    expect(codesIn((await b.get('/can-bo/ho-so?hang-doi=all&cua-toi=1')).body)).toEqual([late.code]);
    expect(codesIn((await b.get(`/can-bo/ho-so?hang-doi=all&q=${encodeURIComponent(waiting.code!)}`)).body)).toEqual([waiting.code]);
    expect(codesIn((await b.get(`/can-bo/ho-so?hang-doi=new&q=${person.profile.idNumber}`)).body)).toEqual([fresh.code]);
    expect(codesIn((await b.get(`/can-bo/ho-so?hang-doi=finished&q=${encodeURIComponent('trịnh công')}`)).body)).toEqual([refused.code]);
    expect(codesIn((await b.get(`/can-bo/ho-so?hang-doi=all&thu-tuc=1.000000`)).body)).toEqual([]);
    const bad = await b.get('/can-bo/ho-so?hang-doi=all&thu-tuc=abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Mã thủ tục có dạng 1.001193');
  });

  it('filter by agency for officials of several agencies, and page through long queues', async () => {
    const { drafts } = t.app.modules.dossiers;
    const person = await citizen(t.app);
    const officer = await official(t.app, agency, ['intake_officer']);
    await t.database.db.insertInto('identity_official_role').values({ account_id: officer.account.id, agency_code: second, role: 'intake_officer' }).execute();
    const b: OfficeBrowser = await logInOfficial(t, officer.account.email!, officer.password);
    const before = await b.get('/can-bo/ho-so?hang-doi=new');
    expect(before.body).toContain('name="co-quan"');
    const already = tabCount(before.body, 'Chờ tiếp nhận');

    const made: Dossier[] = [];
    for (let i = 0; i < 21; i++) made.push(await drafts.submit(person.actor, (await readyDraft(t.app, person, second)).id));
    const page1 = await b.get(`/can-bo/ho-so?hang-doi=new&co-quan=${encodeURIComponent(second)}`);
    expect(tabCount(page1.body, 'Chờ tiếp nhận')).toBe(22);
    expect(codesIn(page1.body)).toHaveLength(20);
    expect(page1.body).toContain('govuk-pagination');
    const page2 = await b.get(`/can-bo/ho-so?hang-doi=new&co-quan=${encodeURIComponent(second)}&trang=2`);
    expect(codesIn(page2.body)).toHaveLength(2);
    const onlyFirst = await b.get(`/can-bo/ho-so?hang-doi=new&co-quan=${encodeURIComponent(agency)}`);
    expect(tabCount(onlyFirst.body, 'Chờ tiếp nhận')).toBe(already - 1);
    const notMine = await b.get('/can-bo/ho-so?hang-doi=new&co-quan=KHONG.CO');
    expect(notMine.status).toBe(400);
  });
});
