import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { addCitizen, csrfOf, JPEG, multipartBody, PDF, PNG, sized, UploadBrowser, type Part } from './upload-browser.test-support.ts';

// The upload helper through the real server: busboy's limits, our checks, CSRF before anything is kept.
let t: TestApp;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-upload-'));
const MAX = 2048;
const PASSWORD = 'mat khau tai len 2026';
let b: UploadBrowser;

beforeAll(async () => {
  t = await createTestApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: String(MAX), UPLOAD_MAX_FILES: '3' });
  await addCitizen(t, 'chi.tailen@example.vn', PASSWORD);
  b = new UploadBrowser(t, '198.51.100.81');
  await b.logIn('chi.tailen@example.vn', PASSWORD);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const ADD = '/tai-khoan/giay-to/them';
const rows = async () => Number((await t.database.pool.query('SELECT count(*) AS n FROM document_file')).rows[0].n);
const diskFiles = () => (fs.existsSync(filesDir) ? (fs.readdirSync(filesDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(filesDir, f)).isFile()) : []);

async function token(): Promise<string> {
  return csrfOf((await b.get(ADD)).body);
}

async function post(files: Part[], fields: Record<string, string> = { title: 'Giấy tờ', kind: 'other' }) {
  const parts: Part[] = [{ name: '_csrf', value: await token() }, ...Object.entries(fields).map(([name, value]) => ({ name, value }))];
  return b.postMultipart(ADD, [...parts, ...files]);
}

/** Runs `act` and checks it left no row and no byte anywhere. */
async function leavesNothing(act: () => Promise<void>): Promise<void> {
  const before = { rows: await rows(), disk: diskFiles() };
  await act();
  expect(await rows()).toBe(before.rows);
  expect(diskFiles()).toEqual(before.disk);
}

describe('size limit through the multipart parser', () => {
  it('accepts a file of exactly UPLOAD_MAX_BYTES and refuses one byte more', async () => {
    const exact = await post([{ name: 'file', filename: 'vua-du.pdf', data: sized(PDF(), MAX) }]);
    expect(exact.status).toBe(303);
    const { rows: stored } = await t.database.pool.query("SELECT size_bytes FROM document_file WHERE original_name = 'vua-du.pdf'");
    expect(stored).toEqual([{ size_bytes: MAX }]);
    await leavesNothing(async () => {
      const over = await post([{ name: 'file', filename: 'thua-1-byte.pdf', data: sized(PDF(), MAX + 1) }]);
      expect(over.status).toBe(400);
      expect(over.body).toContain('Tệp “thua-1-byte.pdf” phải nhỏ hơn hoặc bằng 2 KB');
    });
  });

  it('reads the fields after a far too large file, which it drops as it streams', async () => {
    await leavesNothing(async () => {
      const res = await b.postMultipart(ADD, [
        { name: '_csrf', value: await token() },
        { name: 'file', filename: 'phim.jpg', type: 'image/jpeg', data: sized(JPEG, 5 * 1024 * 1024) },
        { name: 'title', value: 'Trường sau tệp' },
        { name: 'kind', value: 'other' },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toContain('Tệp “phim.jpg” phải nhỏ hơn hoặc bằng 2 KB');
      expect(res.body).toContain('value="Trường sau tệp"');
    });
  });
});

describe('count, CSRF and malformed posts', () => {
  it('refuses more files than the form takes, keeping none of them', async () => {
    await leavesNothing(async () => {
      const two = await post([
        { name: 'file', filename: 'mot.pdf', data: PDF('1') },
        { name: 'file', filename: 'hai.png', data: PNG },
      ]);
      expect(two.status).toBe(400);
      expect(two.body).toContain('Mỗi lần chỉ được gửi tối đa 1 tệp');
      // Beyond UPLOAD_MAX_FILES + 1 the parser itself stops.
      const many = await post(Array.from({ length: 6 }, (_, i) => ({ name: 'file', filename: `${i}.pdf`, data: PDF(String(i)) })));
      expect(many.status).toBe(400);
      expect(many.body).toContain('Mỗi lần chỉ được gửi tối đa 1 tệp');
    });
  });

  it('checks the CSRF token before keeping anything', async () => {
    await leavesNothing(async () => {
      const none = await b.postMultipart(ADD, [{ name: 'title', value: 'Giả mạo' }, { name: 'kind', value: 'other' }, { name: 'file', filename: 'a.pdf', data: PDF() }]);
      expect(none.status).toBe(403);
      const wrong = await b.postMultipart(ADD, [{ name: '_csrf', value: 'x'.repeat(43) }, { name: 'kind', value: 'other' }, { name: 'file', filename: 'a.pdf', data: PDF() }]);
      expect(wrong.status).toBe(403);
      // The token after the file works as well as before it: fields are checked once all are read.
      const late = await b.postMultipart(ADD, [{ name: 'file', filename: 'sau.pdf', data: PDF('late') }, { name: '_csrf', value: 'y'.repeat(43) }]);
      expect(late.status).toBe(403);
    });
  });

  it('answers a cut-short or boundary-less body with 400 and keeps nothing', async () => {
    await leavesNothing(async () => {
      const { body, contentType } = multipartBody([{ name: '_csrf', value: await token() }, { name: 'file', filename: 'cut.pdf', data: sized(PDF(), 1500) }]);
      const cut = await b.postRaw(ADD, body.subarray(0, body.length - 700), contentType);
      expect(cut.status).toBe(400);
      expect(cut.body).toContain('Không đọc được dữ liệu tải lên');
      const noBoundary = await b.postRaw(ADD, body, 'multipart/form-data');
      expect(noBoundary.status).toBe(400);
    });
  });

  it('refuses a text field over 64 KiB', async () => {
    const res = await post([{ name: 'file', filename: 'a.pdf', data: PDF() }], { title: 'x'.repeat(70 * 1024), kind: 'other' });
    expect(res.status).toBe(413);
  });

  it('takes a urlencoded post (a form without enctype) as fields without files', async () => {
    const res = await b.post(ADD, { _csrf: await token(), title: 'Không có tệp', kind: 'other' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Chọn tệp giấy tờ');
    expect(res.body).toContain('value="Không có tệp"');
  });
});

describe('routes that do not read uploads', () => {
  it('get no body from a multipart post, so their own checks refuse it; urlencoded and JSON still work', async () => {
    const visitor = new UploadBrowser(t, '198.51.100.82');
    const form = await visitor.get('/dang-nhap');
    const multipart = await visitor.postMultipart('/dang-nhap', [{ name: '_csrf', value: csrfOf(form.body) }, { name: 'identifier', value: 'chi.tailen@example.vn' }, { name: 'password', value: PASSWORD }]);
    expect(multipart.status).toBe(403);
    const urlencoded = await visitor.post('/dang-nhap', { _csrf: csrfOf(form.body), identifier: 'chi.tailen@example.vn', password: PASSWORD });
    expect(urlencoded.status).toBe(303);
    const json = await t.app.http.inject({ method: 'GET', url: '/api/v1/procedures?q=khai%20sinh&limit=1', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(200);
  });
});

describe('a real browser post over TCP', () => {
  it('stores a file sent with fetch and FormData, its Vietnamese name intact', async () => {
    const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
    const page = await fetch(`${address}${ADD}`, { headers: { cookie: b.cookieHeader(), accept: 'text/html' } });
    const data = new FormData();
    data.append('_csrf', csrfOf(await page.text()));
    data.append('title', 'Căn cước công dân');
    data.append('kind', 'id_card');
    data.append('issuedOn', '2021-04-01');
    data.append('file', new Blob([JPEG], { type: 'application/pdf' }), 'Căn cước – mặt trước.jpg');
    const res = await fetch(`${address}${ADD}`, { method: 'POST', body: data, redirect: 'manual', headers: { cookie: b.cookieHeader(), accept: 'text/html' } });
    expect(res.status).toBe(303);
    const { rows: stored } = await t.database.pool.query("SELECT f.original_name, f.media_type FROM document_saved s JOIN document_file f ON f.id = s.file_id WHERE s.title = 'Căn cước công dân'");
    expect(stored).toEqual([{ original_name: 'Căn cước – mặt trước.jpg', media_type: 'image/jpeg' }]);
  });
});
