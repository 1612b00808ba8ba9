import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { citizen, official, PDF_BYTES, readyDraft, twoAgencies, upload } from '../../../../../test/support/dossier-fixtures.ts';
import { errorSummary, hiddenValue, logInCitizen, logInOfficial, type OfficeBrowser, type Page } from './back-office.test-support.ts';

let t: TestApp;
let agencyA: string;
let agencyB: string;

beforeAll(async () => {
  t = await createTestApp();
  [agencyA, agencyB] = await twoAgencies(t.app);
});
afterAll(async () => t?.close());

const pdfText = (bytes: Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'odvc-office-')), 'form.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

async function submitted(agency = agencyA) {
  const person = await citizen(t.app);
  const draft = await readyDraft(t.app, person, agency);
  const dossier = await t.app.modules.dossiers.drafts.submit(person.actor, draft.id);
  return { person, dossier };
}

/** Opens an action page and posts its form with `fields` (CSRF and idempotency key from the page). */
async function act(b: OfficeBrowser, id: string, slug: string, fields: Array<[string, string]> = []): Promise<{ form: Page; result: Page }> {
  const form = await b.get(`/can-bo/ho-so/${id}/${slug}`);
  expect(form.status, `${slug} page`).toBe(200);
  const result = await b.post(`/can-bo/ho-so/${id}/${slug}`, [['idempotencyKey', hiddenValue(form.body, 'idempotencyKey')], ...fields], form);
  return { form, result };
}

const eventTypes = async (id: string) => (await t.database.db.selectFrom('dossier_event').select('type').where('dossier_id', '=', id).orderBy('seq').execute()).map((e) => e.type);
const statusOf = async (id: string) => (await t.database.db.selectFrom('dossier').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('the back office: an official of agency A works a dossier', () => {
  it('accept (clicked twice) → supplement → (citizen answers) → forward → note → approve → return, with forms and banners', async () => {
    const officer = await official(t.app, agencyA, ['intake_officer', 'processing_officer', 'approver'], 'Phạm Thu Hà');
    const colleague = await official(t.app, agencyA, ['processing_officer'], 'Đỗ Minh Quân');
    const { person, dossier } = await submitted();
    const b = await logInOfficial(t, officer.account.email!, officer.password);
    const id = dossier.id;

    const queue = await b.get('/can-bo/ho-so');
    expect(queue.status).toBe(200);
    expect(queue.body).toContain(dossier.code!);
    expect(queue.body).toContain('Chờ tiếp nhận');

    const page = await b.get(`/can-bo/ho-so/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Hồ sơ ${dossier.code}`);
    expect(page.body).toContain('Mới đăng ký (mã 1)');
    expect(page.body).toContain(`/can-bo/ho-so/${id}/tiep-nhan`);
    expect(page.body).toContain('Nguyễn Thị Hương');

    // Accept, clicked twice: one event, the same banner.
    const accept = await b.get(`/can-bo/ho-so/${id}/tiep-nhan`);
    const key = hiddenValue(accept.body, 'idempotencyKey');
    const [first, second] = await Promise.all([
      b.post(`/can-bo/ho-so/${id}/tiep-nhan`, { idempotencyKey: key }, accept),
      b.post(`/can-bo/ho-so/${id}/tiep-nhan`, { idempotencyKey: key }, accept),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.location).toBe(`/can-bo/ho-so/${id}?da-xong=tiep-nhan`);
    expect((await eventTypes(id)).filter((e) => e === 'received')).toHaveLength(1);
    const banner = await b.get(first.location!);
    expect(banner.body).toContain('Đã tiếp nhận hồ sơ.');
    expect(banner.body).toContain(`/can-bo/ho-so/${id}/mau/01.pdf`);
    const receipt = await b.get(`/can-bo/ho-so/${id}/mau/01.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(receipt.raw)).toContain(dossier.code!);

    // Supplement: "add rows" without JavaScript, a half-filled row refused with the input kept, then the full list.
    const supplement = await b.get(`/can-bo/ho-so/${id}/yeu-cau-bo-sung`);
    expect(supplement.body).toContain('name="name-2"');
    expect(supplement.body).not.toContain('name="name-3"');
    const supKey = hiddenValue(supplement.body, 'idempotencyKey');
    const more = await b.post(`/can-bo/ho-so/${id}/yeu-cau-bo-sung`, { idempotencyKey: supKey, rows: '3', 'name-0': 'Giấy xác nhận cư trú', addRows: '1' }, supplement);
    expect(more.status).toBe(200);
    expect(more.body).toContain('name="name-5"');
    expect(more.body).toContain('value="Giấy xác nhận cư trú"');
    const half = await b.post(`/can-bo/ho-so/${id}/yeu-cau-bo-sung`, { idempotencyKey: supKey, rows: '6', 'name-0': 'Giấy xác nhận cư trú' }, supplement);
    expect(half.status).toBe(400);
    expect(errorSummary(half.body)).toEqual(['Nhập lý do cần bổ sung ở mục 1']);
    expect(half.body).toContain('<title>Lỗi: ');
    expect(half.body).toContain('value="Giấy xác nhận cư trú"');
    const asked = await b.post(
      `/can-bo/ho-so/${id}/yeu-cau-bo-sung`,
      { idempotencyKey: supKey, rows: '6', 'name-0': 'Giấy xác nhận cư trú', 'reason-0': 'Bản chụp bị mờ', 'name-4': 'Tờ khai thay đổi thông tin cư trú', 'reason-4': 'Thiếu chữ ký' },
      supplement,
    );
    expect(asked.status).toBe(303);
    expect(await statusOf(id)).toBe('supplement_requested');
    const form02 = await b.get(`/can-bo/ho-so/${id}/mau/02.pdf`);
    expect(form02.status).toBe(200);
    expect(pdfText(form02.raw)).toContain('Thiếu chữ ký');
    const waiting = await b.get(`/can-bo/ho-so/${id}`);
    expect(waiting.body).toContain('Giấy xác nhận cư trú: Bản chụp bị mờ');

    // The citizen answers through the core service.
    const file = await upload(t.app, person.account.id, 'xac-nhan-cu-tru.pdf');
    await t.app.modules.dossiers.actions.act(person.actor, id, 'provide_supplement', { files: [{ requirementKey: 'supplement', fileId: file.id }] }, 'citizen-supplement');
    expect(await statusOf(id)).toBe('received');

    // Forward to the next step and to a named colleague.
    const forwardForm = await b.get(`/can-bo/ho-so/${id}/chuyen-xu-ly`);
    expect(forwardForm.body).toContain('Đỗ Minh Quân');
    const forwarded = await b.post(`/can-bo/ho-so/${id}/chuyen-xu-ly`, { idempotencyKey: hiddenValue(forwardForm.body, 'idempotencyKey'), toStep: '1', toAccountId: colleague.account.id, note: 'Đề nghị thẩm định' }, forwardForm);
    expect(forwarded.status).toBe(303);
    const afterForward = await b.get(`/can-bo/ho-so/${id}`);
    expect(afterForward.body).toContain('Đang xử lý (mã 4)');
    expect(afterForward.body).toContain('Đỗ Minh Quân');

    // An internal note: on the official's timeline, marked internal.
    expect((await act(b, id, 'ghi-chu', [['text', 'Đã gọi điện xác minh với người nộp']])).result.status).toBe(303);
    const noted = await b.get(`/can-bo/ho-so/${id}`);
    expect(noted.body).toContain('Đã gọi điện xác minh với người nộp');
    expect(noted.body).toContain('Nội bộ');

    // Approve with the result text (files: see the next test).
    expect((await act(b, id, 'phe-duyet', [['resultText', 'Đã xóa đăng ký thường trú']])).result.status).toBe(303);
    const resolved = await b.get(`/can-bo/ho-so/${id}`);
    expect(resolved.body).toContain('Đã xử lý xong (mã 9)');
    expect(resolved.body).toContain('Đã xóa đăng ký thường trú');

    // Return the result.
    expect((await act(b, id, 'tra-ket-qua', [['mode', 'desk']])).result.status).toBe(303);
    expect(await statusOf(id)).toBe('returned');
    expect(await eventTypes(id)).toEqual(['submitted', 'received', 'supplement_requested', 'supplement_provided', 'forwarded', 'note', 'resolved', 'returned']);

    // Not allowed from "returned": a clear page, a clear error on post, and nothing changes.
    const late = await b.get(`/can-bo/ho-so/${id}/tiep-nhan`);
    expect(late.status).toBe(409);
    expect(late.body).toContain('Không thể thực hiện thao tác');
    const latePost = await b.post(`/can-bo/ho-so/${id}/tu-choi`, { idempotencyKey: '5b0a2f2e-8a5c-4f3e-9d55-0c9d1d3e7a11', reasons: 'Không đủ điều kiện' }, await b.get('/tai-khoan/thong-tin'));
    expect(latePost.status).toBe(409);
    expect(errorSummary(latePost.body)).toEqual(['Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.']);
    expect(await statusOf(id)).toBe('returned');
    expect((await eventTypes(id)).length).toBe(8);
  });

  it('approves with result files uploaded (multipart, CSRF first); the agency’s officials download them, others get 404', async () => {
    const officer = await official(t.app, agencyA, ['intake_officer', 'processing_officer', 'approver'], 'Hoàng Gia Bảo');
    const b = await logInOfficial(t, officer.account.email!, officer.password);
    const { dossier } = await submitted();
    const id = dossier.id;
    await act(b, id, 'tiep-nhan');
    await act(b, id, 'chuyen-xu-ly', [['toStep', '1']]);
    const approve = await b.get(`/can-bo/ho-so/${id}/phe-duyet`);
    expect(approve.body).toContain('enctype="multipart/form-data"');
    const fields: Array<[string, string]> = [
      ['_csrf', hiddenValue(approve.body, '_csrf')],
      ['idempotencyKey', hiddenValue(approve.body, 'idempotencyKey')],
      ['resultText', 'Giấy xác nhận số 12/XN'],
    ];
    // A forged post (no CSRF token) stores nothing.
    const before = (await t.database.db.selectFrom('document_file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const forged = await b.postMultipart(`/can-bo/ho-so/${id}/phe-duyet`, fields.slice(1), [{ field: 'files', name: 'ket-qua.pdf', type: 'application/pdf', bytes: PDF_BYTES }]);
    expect(forged.status).toBe(403);
    expect((await t.database.db.selectFrom('document_file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
    // A disguised file is refused by its content, the text is kept.
    const disguised = await b.postMultipart(`/can-bo/ho-so/${id}/phe-duyet`, fields, [{ field: 'files', name: 'ket-qua.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('<html>not a pdf</html>') }]);
    expect(disguised.status).toBe(400);
    expect(disguised.body).toContain('Giấy xác nhận số 12/XN');
    expect(await statusOf(id)).toBe('processing');
    // A good file with the text missing is kept for the next try (no need to choose it again).
    const noText = await b.postMultipart(`/can-bo/ho-so/${id}/phe-duyet`, [fields[0]!, fields[1]!, ['resultText', '']], [{ field: 'files', name: 'giay-xac-nhan.pdf', type: 'application/pdf', bytes: PDF_BYTES }]);
    expect(noText.status).toBe(400);
    expect(noText.body).toContain('giay-xac-nhan.pdf');
    const approved = await b.postMultipart(`/can-bo/ho-so/${id}/phe-duyet`, [...fields, ['kept', hiddenValue(noText.body, 'kept')]], [{ field: 'files', name: 'ket-qua.pdf', type: 'application/pdf', bytes: PDF_BYTES }]);
    expect(approved.status).toBe(303);
    const resolved = await b.get(`/can-bo/ho-so/${id}`);
    expect(resolved.body).toContain('Đã xử lý xong (mã 9)');
    expect(resolved.body).toContain('giay-xac-nhan.pdf');
    const resultLink = /href="(\/can-bo\/ho-so\/[^"]+\/tep\/[^"]+)">ket-qua\.pdf</.exec(resolved.body)?.[1];
    expect(resultLink).toBeDefined();
    const download = await b.get(resultLink!);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const submittedFile = /href="(\/can-bo\/ho-so\/[^"]+\/tep\/[^"]+)">[a-z0-9_]+\.pdf</.exec(resolved.body)?.[1];
    expect((await b.get(submittedFile!)).status).toBe(200);

    const outsider = await official(t.app, agencyB, ['intake_officer', 'processing_officer', 'approver']);
    const other = await logInOfficial(t, outsider.account.email!, outsider.password);
    expect((await other.get(resultLink!)).status).toBe(404);
  });

  it('refuses, stops and extends with their forms; an extension is possible once', async () => {
    const officer = await official(t.app, agencyA, ['intake_officer', 'processing_officer'], 'Lý Thị Mai');
    const b = await logInOfficial(t, officer.account.email!, officer.password);

    const refused = (await submitted()).dossier;
    const refusal = await act(b, refused.id, 'tu-choi', [['reasons', 'Thủ tục không thuộc thẩm quyền\nĐề nghị nộp tại Công an xã']]);
    expect(refusal.result.status).toBe(303);
    expect(await statusOf(refused.id)).toBe('refused');
    expect(pdfText((await b.get(`/can-bo/ho-so/${refused.id}/mau/03.pdf`)).raw)).toContain('Thủ tục không thuộc thẩm quyền');

    const late = (await submitted()).dossier;
    await act(b, late.id, 'tiep-nhan');
    const noDate = await act(b, late.id, 'gia-han', [['reason', 'Cần xác minh thêm']]);
    expect(noDate.result.status).toBe(400);
    expect(errorSummary(noDate.result.body)).toEqual(['Nhập ngày hẹn trả mới']);
    const extension = await act(b, late.id, 'gia-han', [['reason', 'Cần xác minh thêm'], ['newDate', '15/01/2099'], ['newTime', '16:30']]);
    expect(extension.result.status).toBe(303);
    expect(pdfText((await b.get(`/can-bo/ho-so/${late.id}/mau/04.pdf`)).raw)).toContain('Cần xác minh thêm');
    const again = await b.get(`/can-bo/ho-so/${late.id}/gia-han`);
    expect(again.status).toBe(200); // still allowed by the status table; the core refuses a second extension
    const second = await b.post(`/can-bo/ho-so/${late.id}/gia-han`, { idempotencyKey: hiddenValue(again.body, 'idempotencyKey'), reason: 'Lần nữa', newDate: '20/01/2099', newTime: '16:30' }, again);
    expect(second.status).toBe(409);
    expect(errorSummary(second.body)).toEqual(['Hồ sơ đã được gia hạn một lần; không thể gia hạn thêm.']);

    const stopped = await act(b, late.id, 'dung-xu-ly', [['reasons', 'Người nộp đề nghị dừng']]);
    expect(stopped.result.status).toBe(303);
    expect(pdfText((await b.get(`/can-bo/ho-so/${late.id}/mau/05.pdf`)).raw)).toContain('Người nộp đề nghị dừng');
  });

  it('asks for and records a payment, then assigns the dossier', async () => {
    const officer = await official(t.app, agencyA, ['intake_officer', 'processing_officer'], 'Vũ Văn Tài');
    const b = await logInOfficial(t, officer.account.email!, officer.password);
    const { dossier } = await submitted();
    await act(b, dossier.id, 'tiep-nhan');
    const bad = await act(b, dossier.id, 'yeu-cau-thanh-toan', [['amount', 'một trăm'], ['description', '']]);
    expect(bad.result.status).toBe(400);
    expect(errorSummary(bad.result.body)).toEqual(['Số tiền là số đồng nguyên, lớn hơn 0, ví dụ 150.000', 'Nhập nội dung khoản thu']);
    expect((await act(b, dossier.id, 'yeu-cau-thanh-toan', [['amount', '150.000'], ['description', 'Lệ phí đăng ký cư trú']])).result.status).toBe(303);
    expect(await statusOf(dossier.id)).toBe('payment_requested');
    expect((await act(b, dossier.id, 'ghi-nhan-thanh-toan', [['reference', 'BL-0001'], ['amount', '150000']])).result.status).toBe(303);
    expect(await statusOf(dossier.id)).toBe('received');
    const page = await b.get(`/can-bo/ho-so/${dossier.id}`);
    expect(page.body).toContain('150.000 đồng');
    expect(page.body).toContain('BL-0001');

    // Assign to an officer of the agency (someone of another agency is refused).
    const colleague = await official(t.app, agencyA, ['intake_officer'], 'Mai Anh Tuấn');
    const outsider = await official(t.app, agencyB, ['intake_officer']);
    const wrong = await act(b, dossier.id, 'phan-cong', [['toAccountId', outsider.account.id]]);
    expect(wrong.result.status).toBe(400);
    expect(errorSummary(wrong.result.body)).toEqual(['Cán bộ đã chọn không thuộc cơ quan giải quyết hồ sơ']);
    expect((await act(b, dossier.id, 'phan-cong', [['toAccountId', colleague.account.id]])).result.status).toBe(303);
    const assigned = await b.get(`/can-bo/ho-so/${dossier.id}?da-xong=phan-cong`);
    expect(assigned.body).toContain('Đã phân công xử lý.');
    expect(assigned.body).toContain('Mai Anh Tuấn');
  });
});

describe('the policy scopes the back office', () => {
  it('an official of agency B gets 404 on A’s dossier, its actions, files and forms, and does not see it in the queues', async () => {
    const { dossier } = await submitted();
    const other = await official(t.app, agencyB, ['intake_officer', 'processing_officer', 'approver']);
    const b = await logInOfficial(t, other.account.email!, other.password);
    expect((await b.get(`/can-bo/ho-so/${dossier.id}`)).status).toBe(404);
    expect((await b.get(`/can-bo/ho-so/${dossier.id}/tiep-nhan`)).status).toBe(404);
    const queue = await b.get('/can-bo/ho-so?hang-doi=all');
    expect(queue.body).not.toContain(dossier.code!);
    const withToken = await b.get('/tai-khoan/thong-tin');
    const post = await b.post(`/can-bo/ho-so/${dossier.id}/tiep-nhan`, { idempotencyKey: '0f8b6c1e-3f5d-4a8e-9b2c-7d6e5f4a3b2c' }, withToken);
    expect(post.status).toBe(404);
    expect((await b.get(`/can-bo/ho-so/${dossier.id}/mau/01.pdf`)).status).toBe(404);
    expect(await statusOf(dossier.id)).toBe('submitted');
  });

  it('an official without the role sees no button and gets 403 on the action', async () => {
    const { dossier } = await submitted();
    const reader = await official(t.app, agencyA, ['approver']);
    const b = await logInOfficial(t, reader.account.email!, reader.password);
    const page = await b.get(`/can-bo/ho-so/${dossier.id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(`/can-bo/ho-so/${dossier.id}/tiep-nhan`);
    expect((await b.get(`/can-bo/ho-so/${dossier.id}/tiep-nhan`)).status).toBe(403);
    const post = await b.post(`/can-bo/ho-so/${dossier.id}/tiep-nhan`, { idempotencyKey: '2a7c9e1b-4d3f-4b8a-8c6d-5e4f3a2b1c0d' }, await b.get('/tai-khoan/thong-tin'));
    expect(post.status).toBe(403);
    expect(errorSummary(post.body)).toEqual(['Bạn không có quyền thực hiện thao tác này trên hồ sơ.']);
  });

  it('sends visitors to the login page and shows citizens a 403 page', async () => {
    const anonymous = await t.app.http.inject({ method: 'GET', url: '/can-bo/ho-so?hang-doi=overdue', headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent('/can-bo/ho-so?hang-doi=overdue')}`);
    const person = await citizen(t.app);
    const b = await logInCitizen(t, person.account.email!, person.password);
    const page = await b.get('/can-bo/ho-so');
    expect(page.status).toBe(403);
    expect(page.body).toContain('Trang dành cho cán bộ');
  });

  it('speaks English with ?lang=en', async () => {
    const officer = await official(t.app, agencyA, ['intake_officer']);
    const b = await logInOfficial(t, officer.account.email!, officer.password);
    const page = await b.get('/can-bo/ho-so?lang=en');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Agency dossiers');
    expect(page.body).toContain('To receive');
  });
});
