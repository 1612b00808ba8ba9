import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import type { DossierActor } from '../../core/dossier-actor.ts';
import { addCitizen, addOfficial, CITIZEN_PASSWORD, CitizenBrowser, csrfOf, DISGUISED, fillApplication, hidden, PDF } from './citizen.test-support.ts';

// After submission: supplement requests answered in time and too late, the rating (once), and the
// public lookup with its throttle. The agency's side is played through the real dossier core.
const PROCEDURE = '1.000236';
const AGENCY = '000.00.08.G01';
const ID_NUMBER = '001190012345';
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-citizen-actions-'));
let t: TestApp;
let an: CitizenBrowser;
let officer: Extract<DossierActor, { kind: 'official' }>;

beforeAll(async () => {
  t = await createTestApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: '65536' });
  await addCitizen(t, 'an.tiepnhan@example.vn', { fullName: 'Nguyễn Văn An' });
  an = new CitizenBrowser(t, '198.51.100.91');
  await an.logIn('an.tiepnhan@example.vn', CITIZEN_PASSWORD);
  officer = await addOfficial(t, 'canbo.xnc@example.vn', AGENCY);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function submitted(): Promise<{ id: string; code: string }> {
  const id = await fillApplication(t, an, PROCEDURE);
  const check = await an.get(`/ho-so/${id}/kiem-tra`);
  const sent = await an.post(`/ho-so/${id}/nop`, { _csrf: csrfOf(check.body) });
  expect(sent.status).toBe(303);
  const { rows } = await t.database.pool.query('SELECT code FROM dossier WHERE id = $1', [id]);
  return { id, code: rows[0].code };
}

const act = (id: string, action: Parameters<TestApp['app']['modules']['dossiers']['actions']['act']>[2], input: Record<string, unknown> = {}) =>
  t.app.modules.dossiers.actions.act(officer, id, action, input as never);

describe('answering a supplement request', () => {
  let id = '';

  it('shows what the agency asks for and takes the files in time, naming a refused one and keeping the rest', async () => {
    ({ id } = await submitted());
    await act(id, 'accept');
    await act(id, 'request_supplement', { items: [{ name: 'Bản sao hộ chiếu', reason: 'Ảnh chụp bị mờ' }, { name: 'Ảnh chân dung', reason: 'Thiếu ảnh 4x6' }] });
    const page = await an.get(`/ho-so/${id}`);
    expect(page.body).toContain('Cần bạn thực hiện');
    expect(page.body).toContain('Bản sao hộ chiếu');
    expect(page.body).toContain('Ảnh chụp bị mờ');
    expect(page.body).toContain(`href="/ho-so/${id}/bo-sung"`);

    const form = await an.get(`/ho-so/${id}/bo-sung`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('id="item-0"');
    expect(form.body).toContain('id="item-1"');
    const base = [{ name: '_csrf', value: csrfOf(form.body) }, { name: '_key', value: hidden(form.body, '_key') }];
    const none = await an.postMultipart(`/ho-so/${id}/bo-sung`, [...base, { name: 'item-0', filename: '', data: Buffer.alloc(0) }]);
    expect(none.status).toBe(400);
    expect(none.body).toContain('Chọn ít nhất một tệp để bổ sung');
    const mixed = await an.postMultipart(`/ho-so/${id}/bo-sung`, [
      ...base,
      { name: 'item-0', filename: 'ho-chieu.pdf', type: 'application/pdf', data: PDF('ho chieu') },
      { name: 'item-1', filename: 'anh.pdf', type: 'application/pdf', data: DISGUISED },
    ]);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toContain('Tệp “anh.pdf” phải là PDF, JPG hoặc PNG');
    expect(mixed.body).toContain('Đã nhận tệp “ho-chieu.pdf”');
    const kept = hidden(mixed.body, 'kept');
    const done = await an.postMultipart(`/ho-so/${id}/bo-sung`, [
      { name: '_csrf', value: csrfOf(mixed.body) },
      { name: '_key', value: hidden(mixed.body, '_key') },
      { name: 'kept', value: kept },
      { name: 'item-1', filename: 'anh.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]) },
      { name: 'note', value: 'Gửi bổ sung theo yêu cầu.' },
    ]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/ho-so/${id}?da_bo_sung=1`);
    const { rows } = await t.database.pool.query("SELECT status, (SELECT count(*)::int FROM dossier_file f WHERE f.dossier_id = d.id AND purpose = 'supplement') AS n FROM dossier d WHERE id = $1", [id]);
    expect(rows[0]).toEqual({ status: 'received', n: 2 });
    const after = await an.get(`/ho-so/${id}?da_bo_sung=1`);
    expect(after.body).toContain('Đã gửi giấy tờ bổ sung.');
    expect(after.body).toContain('Đã bổ sung hồ sơ');
    expect(after.body).toContain('ho-chieu.pdf');
  });

  it('refuses an answer after the supplement deadline with a clear message', async () => {
    await act(id, 'forward');
    await act(id, 'request_supplement', { items: [{ name: 'Giấy xác nhận cư trú', reason: 'Cần để đối chiếu' }] });
    const form = await an.get(`/ho-so/${id}/bo-sung`);
    expect(form.status).toBe(200);
    // The deadline passes while the person is on the page.
    await t.database.pool.query("UPDATE dossier SET supplement_due_at = now() - interval '1 minute' WHERE id = $1", [id]);
    const late = await an.postMultipart(`/ho-so/${id}/bo-sung`, [
      { name: '_csrf', value: csrfOf(form.body) },
      { name: '_key', value: hidden(form.body, '_key') },
      { name: 'item-0', filename: 'cu-tru.pdf', type: 'application/pdf', data: PDF('cu tru') },
    ]);
    expect(late.status).toBe(409);
    expect(late.body).toContain('Không gửi được: đã hết hạn bổ sung hồ sơ');
    expect(late.body).not.toContain('enctype="multipart/form-data"');
    expect((await t.database.pool.query('SELECT status FROM dossier WHERE id = $1', [id])).rows[0].status).toBe('supplement_requested');
    const page = await an.get(`/ho-so/${id}`);
    expect(page.body).toContain('Đã hết hạn bổ sung hồ sơ');
    expect(page.body).not.toContain(`href="/ho-so/${id}/bo-sung"`);
  });
});

describe('rating a finished dossier', () => {
  it('shows the result, takes the 9 + 2 rating once and shows it', async () => {
    const { id } = await submitted();
    expect((await an.get(`/ho-so/${id}/danh-gia`)).location).toBe(`/ho-so/${id}`);
    await act(id, 'accept');
    await act(id, 'forward');
    await act(id, 'approve', { resultText: 'Đã xác nhận nhân thân theo đề nghị.' });
    await act(id, 'return_result', { mode: 'electronic' });
    const page = await an.get(`/ho-so/${id}`);
    expect(page.body).toContain('Đã xác nhận nhân thân theo đề nghị.');
    expect(page.body).toContain(`href="/ho-so/${id}/danh-gia"`);
    expect(page.body).not.toContain(`href="/ho-so/${id}/rut"`);

    const form = await an.get(`/ho-so/${id}/danh-gia`);
    expect(form.status).toBe(200);
    const partial = await an.post(`/ho-so/${id}/danh-gia`, { _csrf: csrfOf(form.body), deskContacts: 'none', overall: 'satisfied' });
    expect(partial.status).toBe(400);
    expect(partial.body).toMatch(/href="#agenciesContacted"[\s\S]*href="#staffConduct"[\s\S]*href="#easeOfUse"/);
    expect(partial.body).toMatch(/value="none" checked/);
    const answers = { _csrf: csrfOf(form.body), deskContacts: 'none', agenciesContacted: 'desk_only', staffConduct: 'good', easeOfUse: 'very_satisfied', overall: 'satisfied', comment: 'Nhanh, gọn.' };
    const rated = await an.post(`/ho-so/${id}/danh-gia`, answers);
    expect(rated.status).toBe(303);
    expect(rated.location).toBe(`/ho-so/${id}?da_danh_gia=1`);
    const { rows } = await t.database.pool.query('SELECT scores, comment FROM dossier_rating WHERE dossier_id = $1', [id]);
    expect(rows[0].scores).toMatchObject({ index3: 2, index4: 1, index7: expect.any(Number), index10: 'very_satisfied', index11: 'satisfied' });
    expect(rows[0].comment).toBe('Nhanh, gọn.');
    const shown = await an.get(`/ho-so/${id}?da_danh_gia=1`);
    expect(shown.body).toContain('Cảm ơn bạn đã đánh giá.');
    expect(shown.body).toContain('Đánh giá của bạn');
    expect(shown.body).toContain('Chỉ Bộ phận Một cửa');
    expect(shown.body).not.toContain(`href="/ho-so/${id}/danh-gia"`);
    const again = await an.post(`/ho-so/${id}/danh-gia`, answers);
    expect(again.status).toBe(409);
    expect(again.body).toContain('Hồ sơ này đã được đánh giá.');
  });
});

describe('public lookup', () => {
  it('finds a dossier by its code and the ID number, and gives one answer for any mismatch', async () => {
    const { code } = await submitted();
    const visitor = new CitizenBrowser(t, '198.51.100.95');
    const form = await visitor.get('/tra-cuu-ho-so');
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.body);
    const found = await visitor.post('/tra-cuu-ho-so', { _csrf: csrf, code: code.toLowerCase(), idNumber: '0011 9001 2345' });
    expect(found.status).toBe(200);
    expect(found.body).toContain(`Hồ sơ ${code}`);
    expect(found.body).toContain('Mới đăng ký');
    expect(found.body).toContain('Nộp hồ sơ');
    expect(found.body).toContain('Trong hạn');
    expect(found.body).not.toContain('Nguyễn Thị Hương');
    const wrongId = await visitor.post('/tra-cuu-ho-so', { _csrf: csrf, code, idNumber: '001190012346' });
    const wrongCode = await visitor.post('/tra-cuu-ho-so', { _csrf: csrf, code: `${code.slice(0, -1)}9`, idNumber: ID_NUMBER });
    for (const res of [wrongId, wrongCode]) {
      expect(res.status).toBe(404);
      expect(res.body).toContain('Không tìm thấy hồ sơ với mã hồ sơ và số định danh đã nhập.');
      expect(res.body).not.toContain(`Hồ sơ ${code}`);
    }
    const neutral = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    expect(neutral(wrongId.body)).toBe(neutral(wrongCode.body));
    const empty = await visitor.post('/tra-cuu-ho-so', { _csrf: csrf, code: '', idNumber: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatch(/href="#code"[\s\S]*href="#idNumber"/);
  });

  it('throttles tries per address with a 429 page that says when to try again', async () => {
    const guesser = new CitizenBrowser(t, '198.51.100.96');
    const csrf = csrfOf((await guesser.get('/tra-cuu-ho-so')).body);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await guesser.post('/tra-cuu-ho-so', { _csrf: csrf, code: `${AGENCY}-260101-0001`, idNumber: `00119001${String(i).padStart(4, '0')}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    const blocked = await guesser.post('/tra-cuu-ho-so', { _csrf: csrf, code: `${AGENCY}-260101-0001`, idNumber: ID_NUMBER });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toContain('Bạn đã tra cứu quá nhiều lần');
    const other = new CitizenBrowser(t, '198.51.100.97');
    expect((await other.post('/tra-cuu-ho-so', { _csrf: csrfOf((await other.get('/tra-cuu-ho-so')).body), code: `${AGENCY}-260101-0001`, idNumber: ID_NUMBER })).status).toBe(404);
  });
});
