import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { addCitizen, csrfOf, JPEG, PDF, PNG, UploadBrowser } from '../upload-browser.test-support.ts';

let t: TestApp;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-saved-pages-'));
const PASSWORD = 'mat khau giay to 2026';
let an: UploadBrowser;
let binh: UploadBrowser;

beforeAll(async () => {
  t = await createTestApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: '2048', UPLOAD_MAX_FILES: '3' });
  await addCitizen(t, 'an.giayto@example.vn', PASSWORD);
  await addCitizen(t, 'binh.giayto@example.vn', PASSWORD);
  an = new UploadBrowser(t, '198.51.100.71');
  binh = new UploadBrowser(t, '198.51.100.72');
  await an.logIn('an.giayto@example.vn', PASSWORD);
  await binh.logIn('binh.giayto@example.vn', PASSWORD);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const count = async (table: 'document_file' | 'document_saved') => Number((await t.database.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const tmpFiles = () => (fs.existsSync(path.join(filesDir, 'tmp')) ? fs.readdirSync(path.join(filesDir, 'tmp')) : []);

async function addDocument(b: UploadBrowser, fields: Record<string, string>, file?: { filename: string; type?: string; data: Buffer }) {
  const form = await b.get('/tai-khoan/giay-to/them');
  expect(form.status).toBe(200);
  const parts = [{ name: '_csrf', value: csrfOf(form.body) }, ...Object.entries(fields).map(([name, value]) => ({ name, value }))];
  return b.postMultipart('/tai-khoan/giay-to/them', file ? [...parts, { name: 'file', ...file }] : [...parts, { name: 'file', filename: '', data: Buffer.alloc(0) }]);
}

describe('the pages need a signed-in person', () => {
  it('sends a visitor to log in and back', async () => {
    const visitor = new UploadBrowser(t, '198.51.100.73');
    for (const url of ['/tai-khoan/giay-to', '/tai-khoan/giay-to/them']) {
      const res = await visitor.get(url);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/dang-nhap?next=${encodeURIComponent(url)}`);
    }
    const post = await visitor.postMultipart('/tai-khoan/giay-to/them', [{ name: 'file', filename: 'a.pdf', data: PDF() }]);
    expect(post.location).toBe('/dang-nhap?next=%2Ftai-khoan%2Fgiay-to%2Fthem');
  });
});

describe('Giấy tờ của tôi', () => {
  it('uploads, lists, shows, downloads and deletes a document', async () => {
    const empty = await an.get('/tai-khoan/giay-to');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('<title>Giấy tờ của tôi – Cổng Dịch vụ công</title>');
    expect(empty.body).toContain('Bạn chưa lưu giấy tờ nào.');
    const form = await an.get('/tai-khoan/giay-to/them');
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toMatch(/<input class="govuk-file-upload" id="file" name="file" type="file" accept="[^"]+" aria-describedby="file-hint">/);
    expect(form.body).toContain('tối đa 2 KB');

    const content = PDF('giay khai sinh');
    const added = await addDocument(an, { title: 'Giấy khai sinh của tôi', kind: 'birth_certificate', issuedBy: 'UBND phường Ba Đình', issuedOn: '15/06/1990' }, { filename: 'Giấy khai sinh.pdf', type: 'application/pdf', data: content });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/tai-khoan/giay-to?da_luu=1');
    const list = await an.get('/tai-khoan/giay-to?da_luu=1');
    expect(list.body).toContain('Đã lưu giấy tờ.');
    expect(list.body).toContain('Giấy khai sinh của tôi');
    expect(list.body).toContain('15/06/1990');
    expect(list.body).toContain('Giấy khai sinh.pdf (PDF, ');
    const href = /href="(\/tai-khoan\/giay-to\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
    expect(href).toBeDefined();

    const view = await an.get(href!);
    expect(view.status).toBe(200);
    expect(view.body).toContain('UBND phường Ba Đình');
    expect(view.body).toContain(`href="${href}/tai-ve"`);
    const english = await an.get(`${href}?lang=en`);
    expect(english.body).toContain('Birth certificate');
    expect(english.body).toContain('15 June 1990');
    await an.get('/tai-khoan/giay-to?lang=vi');

    const file = await an.get(`${href}/tai-ve`);
    expect(file.status).toBe(200);
    expect(file.raw.equals(content)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.headers['content-security-policy']).toContain('sandbox');

    const confirm = await an.get(`${href}/xoa`);
    expect(confirm.body).toContain('Xoá giấy tờ “Giấy khai sinh của tôi”?');
    const deleted = await an.post(`${href}/xoa`, { _csrf: csrfOf(confirm.body) });
    expect(deleted.location).toBe('/tai-khoan/giay-to?da_xoa=1');
    const after = await an.get('/tai-khoan/giay-to?da_xoa=1');
    expect(after.body).toContain('Đã xoá giấy tờ.');
    expect(after.body).not.toContain('Giấy khai sinh của tôi');
    expect((await an.get(href!)).status).toBe(404);
  });

  it('shows every problem with the input kept, stores nothing for a refused file, and names it', async () => {
    const files = await count('document_file');
    const saved = await count('document_saved');
    const res = await addDocument(an, { title: '', kind: 'id_card', issuedBy: 'Cục Cảnh sát QLHC về TTXH', issuedOn: '31/02/2024' }, { filename: 'trang.pdf', type: 'application/pdf', data: Buffer.from('<!DOCTYPE html><script>alert(1)</script>') });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<title>Lỗi: Thêm giấy tờ – Cổng Dịch vụ công</title>');
    expect(res.body).toContain('govuk-error-summary');
    const summary = res.body.slice(res.body.indexOf('govuk-error-summary'), res.body.indexOf('</ul>', res.body.indexOf('govuk-error-summary')));
    expect([...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual(['title', 'issuedOn', 'file']);
    expect(res.body).toContain('Tệp “trang.pdf” phải là PDF, JPG hoặc PNG');
    expect(res.body).toContain('value="Cục Cảnh sát QLHC về TTXH"');
    expect(res.body).toContain('value="31/02/2024"');
    expect(res.body).toMatch(/value="id_card" checked/);
    expect(res.body).toContain('class="govuk-file-upload govuk-file-upload--error"');
    expect(await count('document_file')).toBe(files);
    expect(await count('document_saved')).toBe(saved);
    expect(tmpFiles()).toEqual([]);

    const english = await an.get('/tai-khoan/giay-to/them?lang=en');
    const tooBig = await an.postMultipart('/tai-khoan/giay-to/them', [
      { name: '_csrf', value: csrfOf(english.body) },
      { name: 'title', value: 'Passport' },
      { name: 'kind', value: 'passport' },
      { name: 'file', filename: 'scan.jpg', type: 'image/jpeg', data: Buffer.concat([JPEG, Buffer.alloc(2048)]) },
    ]);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toContain('The selected file “scan.jpg” must be 2 KB or smaller');
    const nothing = await an.postMultipart('/tai-khoan/giay-to/them', [{ name: '_csrf', value: csrfOf(english.body) }, { name: 'title', value: 'Passport' }, { name: 'kind', value: 'passport' }, { name: 'file', filename: '', data: Buffer.alloc(0) }]);
    expect(nothing.body).toContain('Select the document file');
    const emptyFile = await an.postMultipart('/tai-khoan/giay-to/them', [{ name: '_csrf', value: csrfOf(english.body) }, { name: 'title', value: 'Passport' }, { name: 'kind', value: 'passport' }, { name: 'file', filename: 'rỗng.png', data: Buffer.alloc(0) }]);
    expect(emptyFile.body).toContain('The selected file “rỗng.png” is empty');
    await an.get('/tai-khoan/giay-to?lang=vi');
    expect(await count('document_file')).toBe(files);
    expect(tmpFiles()).toEqual([]);
  });

  it('keeps a good file while the person fixes the other fields, typed by its content', async () => {
    const first = await addDocument(an, { title: ' ', kind: 'other', issuedBy: '', issuedOn: '' }, { filename: 'anh-chup.pdf', type: 'application/pdf', data: PNG });
    expect(first.status).toBe(400);
    expect(first.body).toContain('Đã nhận tệp “anh-chup.pdf”');
    const kept = /name="keptFileId" value="([^"]+)"/.exec(first.body)?.[1];
    expect(kept).toBeDefined();
    const second = await an.postMultipart('/tai-khoan/giay-to/them', [
      { name: '_csrf', value: csrfOf(first.body) },
      { name: 'title', value: 'Ảnh chụp' },
      { name: 'kind', value: 'other' },
      { name: 'keptFileId', value: kept! },
      { name: 'file', filename: '', data: Buffer.alloc(0) },
    ]);
    expect(second.location).toBe('/tai-khoan/giay-to?da_luu=1');
    const { rows } = await t.database.pool.query('SELECT f.media_type, f.original_name FROM document_saved s JOIN document_file f ON f.id = s.file_id WHERE s.title = $1', ['Ảnh chụp']);
    expect(rows).toEqual([{ media_type: 'image/png', original_name: 'anh-chup.pdf' }]);
    const list = await an.get('/tai-khoan/giay-to');
    const href = /href="(\/tai-khoan\/giay-to\/[0-9a-f-]{36})"/.exec(list.body)![1];
    const file = await an.get(`${href}/tai-ve`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('filename="anh-chup.png"');
  });

  it('never shows, sends or deletes another person’s document', async () => {
    await addDocument(an, { title: 'Hộ chiếu của An', kind: 'passport', issuedBy: '', issuedOn: '' }, { filename: 'ho-chieu.jpg', type: 'image/jpeg', data: JPEG });
    const anList = await an.get('/tai-khoan/giay-to');
    const href = [...anList.body.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>[\s\S]*?href="(\/tai-khoan\/giay-to\/[0-9a-f-]{36})"/g)].find((m) => m[1] === 'Hộ chiếu của An')![2]!;
    const anFileId = (await t.database.pool.query("SELECT file_id FROM document_saved WHERE title = 'Hộ chiếu của An'")).rows[0].file_id as string;

    const binhList = await binh.get('/tai-khoan/giay-to');
    expect(binhList.body).not.toContain('Hộ chiếu của An');
    expect(binhList.body).toContain('Bạn chưa lưu giấy tờ nào.');
    for (const url of [href, `${href}/tai-ve`, `${href}/xoa`]) {
      const res = await binh.get(url);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('Hộ chiếu của An');
    }
    const form = await binh.get('/tai-khoan/giay-to/them');
    const del = await binh.post(`${href}/xoa`, { _csrf: csrfOf(form.body) });
    expect(del.status).toBe(404);
    // Naming An's file as a kept file does not give it to Binh.
    const steal = await binh.postMultipart('/tai-khoan/giay-to/them', [
      { name: '_csrf', value: csrfOf(form.body) },
      { name: 'title', value: 'Của tôi' },
      { name: 'kind', value: 'other' },
      { name: 'keptFileId', value: anFileId },
      { name: 'file', filename: '', data: Buffer.alloc(0) },
    ]);
    expect(steal.status).toBe(400);
    expect(steal.body).toContain('Chọn tệp giấy tờ');
    expect((await t.database.pool.query("SELECT count(*) AS n FROM document_saved WHERE title = 'Của tôi'")).rows[0].n).toBe(0);
    expect((await an.get(`${href}/tai-ve`)).status).toBe(200);
  });
});
