import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { createDocumentsModule, type DocumentsModule } from './index.ts';

let database: TestDatabase;
let documents: DocumentsModule;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-documents-'));
const MAX = 4096;

beforeAll(async () => {
  database = await createTestDatabase();
  documents = createDocumentsModule({
    db: database.db,
    logger: pino({ level: 'silent' }),
    files: { dir, maxBytes: MAX, maxFiles: 3 },
    web: { csrfToken: () => 'unused', checkCsrf: () => undefined },
  });
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR pixels')]);
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`);

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const blobFiles = () => {
  const root = path.join(dir, 'sha256');
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
};
const tmpFiles = () => (fs.existsSync(path.join(dir, 'tmp')) ? fs.readdirSync(path.join(dir, 'tmp')) : []);
const rowCount = async () => Number((await database.pool.query('SELECT count(*) AS n FROM document_file')).rows[0].n);

describe('file store', () => {
  it('stores a file, reads it back, and records the sniffed type over the name', async () => {
    const owner = randomUUID();
    const stored = await documents.storeUpload({ ownerAccountId: owner, name: 'Giấy tờ.pdf'.normalize('NFD'), content: PNG });
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.file).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length, originalName: 'Giấy tờ.pdf', ownerAccountId: owner });
    const { rows } = await database.pool.query('SELECT media_type, original_name, size_bytes, sha256 FROM document_file WHERE id = $1', [stored.file.id]);
    expect(rows[0]).toEqual({ media_type: 'image/png', original_name: 'Giấy tờ.pdf', size_bytes: PNG.length, sha256: stored.file.sha256 });
    const back = await documents.readFile(stored.file.id);
    expect((await readAll(back.stream)).equals(PNG)).toBe(true);
    expect(await documents.fileMeta(stored.file.id)).toEqual(stored.file);
  });

  it('keeps one copy of the bytes for every upload of the same content', async () => {
    const content = pdf('same content');
    const before = blobFiles().length;
    const a = await documents.storeUpload({ ownerAccountId: randomUUID(), name: 'a.pdf', content: [content] });
    const b = await documents.storeUpload({ ownerAccountId: randomUUID(), name: 'b.pdf', content: [content.subarray(0, 3), content.subarray(3)] });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.file.id).not.toBe(b.file.id);
    expect(a.file.sha256).toBe(b.file.sha256);
    expect(blobFiles().length).toBe(before + 1);
    expect((await readAll((await documents.readFile(b.file.id)).stream)).equals(content)).toBe(true);
  });

  it('leaves no row and no file for a refused upload', async () => {
    const rowsBefore = await rowCount();
    const blobsBefore = blobFiles();
    const refused = [
      await documents.storeUpload({ ownerAccountId: null, name: 'trang.pdf', content: [Buffer.from('<!DOCTYPE html><script>1</script>')] }),
      await documents.storeUpload({ ownerAccountId: null, name: 'setup.pdf', content: [Buffer.from('MZ\x90\x00\x03\x00\x00\x00')] }),
      await documents.storeUpload({ ownerAccountId: null, name: 'rong.pdf', content: [] }),
      await documents.storeUpload({ ownerAccountId: null, name: 'lon.pdf', content: [pdf('x'.repeat(MAX))] }),
    ];
    expect(refused.map((r) => !r.ok && [r.problem.code, r.problem.fileName, r.problem.messageKey])).toEqual([
      ['DOCUMENT_TYPE_NOT_ALLOWED', 'trang.pdf', 'documents.fileErrors.typeNotAllowed'],
      ['DOCUMENT_TYPE_NOT_ALLOWED', 'setup.pdf', 'documents.fileErrors.typeNotAllowed'],
      ['DOCUMENT_EMPTY', 'rong.pdf', 'documents.fileErrors.empty'],
      ['DOCUMENT_TOO_LARGE', 'lon.pdf', 'documents.fileErrors.tooLarge'],
    ]);
    expect(!refused[3]!.ok && refused[3]!.problem.params).toEqual({ name: 'lon.pdf', max: '4 KB' });
    expect(await rowCount()).toBe(rowsBefore);
    expect(blobFiles()).toEqual(blobsBefore);
    expect(tmpFiles()).toEqual([]);
  });

  it('gives a file only to its owner, or to a module that checked access itself', async () => {
    const owner = randomUUID();
    const stored = await documents.storeUpload({ ownerAccountId: owner, name: 'cccd.jpg', content: [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])] });
    if (!stored.ok) throw new Error('not stored');
    expect((await documents.getFile(owner, stored.file.id))?.id).toBe(stored.file.id);
    expect(await documents.getFile(randomUUID(), stored.file.id)).toBeNull();
    expect((await documents.getFile(null, stored.file.id))?.id).toBe(stored.file.id);
    expect(await documents.getFile(owner, 'not-a-uuid')).toBeNull();
    expect(await documents.getFile(owner, randomUUID())).toBeNull();
  });

  it('says so when a file has lost its bytes', async () => {
    const stored = await documents.storeUpload({ ownerAccountId: null, name: 'mat.pdf', content: [pdf('soon gone')] });
    if (!stored.ok) throw new Error('not stored');
    const sha = stored.file.sha256;
    fs.rmSync(path.join(dir, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha));
    const error = await documents.readFile(stored.file.id).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('DOCUMENT_CONTENT_MISSING');
    const missing = await documents.readFile(randomUUID()).catch((e: unknown) => e);
    expect(isAppError(missing) && missing.code).toBe('DOCUMENT_NOT_FOUND');
  });
});

describe('saved documents', () => {
  it('lists, shows and deletes only the account’s own documents', async () => {
    const an = randomUUID();
    const binh = randomUUID();
    const file = await documents.storeUpload({ ownerAccountId: an, name: 'khai-sinh.pdf', content: [pdf('khai sinh')] });
    if (!file.ok) throw new Error('not stored');
    const saved = await documents.saveDocument(an, { fileId: file.file.id, title: ' Giấy khai sinh ', kind: 'birth_certificate', issuedBy: 'UBND phường Ba Đình', issuedOn: '15/06/1990' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.saved).toMatchObject({ accountId: an, fileId: file.file.id, title: 'Giấy khai sinh', kind: 'birth_certificate', issuedOn: '1990-06-15', file: { originalName: 'khai-sinh.pdf' } });

    expect((await documents.listSaved(an)).map((d) => d.id)).toEqual([saved.saved.id]);
    expect(await documents.listSaved(binh)).toEqual([]);
    expect(await documents.getSaved(binh, saved.saved.id)).toBeNull();
    const notBinhs = await documents.deleteSaved(binh, saved.saved.id).catch((e: unknown) => e);
    expect(isAppError(notBinhs) && notBinhs.code).toBe('DOCUMENT_NOT_FOUND');
    // Binh cannot save An's file as his own either.
    const stolen = await documents.saveDocument(binh, { fileId: file.file.id, title: 'Của tôi', kind: 'other' }).catch((e: unknown) => e);
    expect(isAppError(stolen) && stolen.code).toBe('DOCUMENT_NOT_FOUND');

    await documents.deleteSaved(an, saved.saved.id);
    expect(await documents.listSaved(an)).toEqual([]);
    expect(await documents.getSaved(an, saved.saved.id)).toBeNull();
    // The file stays: a dossier may have attached it.
    expect((await documents.getFile(an, file.file.id))?.id).toBe(file.file.id);
    const twice = await documents.deleteSaved(an, saved.saved.id).catch((e: unknown) => e);
    expect(isAppError(twice) && twice.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('returns input problems as values and saves a result issued by the system', async () => {
    const an = randomUUID();
    const result = await documents.storeUpload({ ownerAccountId: null, name: 'ket-qua.pdf', content: [pdf('ket qua')] });
    if (!result.ok) throw new Error('not stored');
    const own = await documents.saveDocument(an, { fileId: result.file.id, title: 'Kết quả', kind: 'other' }).catch((e: unknown) => e);
    expect(isAppError(own) && own.code).toBe('DOCUMENT_NOT_FOUND');
    const bad = await documents.saveDocument(an, { fileId: result.file.id, title: '', kind: 'nope' }, { fromSystem: true });
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(['title', 'kind']);
    const ok = await documents.saveDocument(an, { fileId: result.file.id, title: 'Kết quả', kind: 'other' }, { fromSystem: true });
    expect(ok.ok && ok.saved.fileId).toBe(result.file.id);
  });
});
