import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from './adapters/local-blob-store.ts';
import { intakeFile } from './file-intake.service.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-intake-'));
const store = createLocalBlobStore(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PDF = Buffer.from('%PDF-1.7\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `total` bytes starting with `head`, in chunks of `chunk` bytes. */
function content(head: Buffer, total: number, chunk = 1024): Buffer[] {
  const all = Buffer.alloc(total, 0x20);
  head.copy(all, 0, 0, Math.min(head.length, total));
  const out: Buffer[] = [];
  for (let i = 0; i < total; i += chunk) out.push(all.subarray(i, i + chunk));
  return out;
}

const filesUnder = (sub: string): string[] => {
  const root = path.join(dir, sub);
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
};

beforeEach(() => {
  fs.rmSync(path.join(dir, 'sha256'), { recursive: true, force: true });
});

describe('intakeFile', () => {
  it('accepts a file of exactly the limit, and refuses one byte more without keeping anything', async () => {
    const exact = await intakeFile(content(PDF, 4096), store, { maxBytes: 4096, onRefuse: 'drain' });
    expect(exact.ok && exact.blob.sizeBytes).toBe(4096);
    if (exact.ok) await exact.blob.discard();
    const over = await intakeFile(content(PDF, 4097), store, { maxBytes: 4096, onRefuse: 'drain' });
    expect(over).toEqual({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('refuses an empty file without opening a temporary file', async () => {
    const before = fs.existsSync(path.join(dir, 'tmp')) ? fs.readdirSync(path.join(dir, 'tmp')) : [];
    expect(await intakeFile([], store, { maxBytes: 100, onRefuse: 'drain' })).toEqual({ ok: false, code: 'DOCUMENT_EMPTY' });
    expect(await intakeFile([Buffer.alloc(0), Buffer.alloc(0)], store, { maxBytes: 100, onRefuse: 'drain' })).toEqual({ ok: false, code: 'DOCUMENT_EMPTY' });
    expect(filesUnder('tmp')).toEqual(before);
  });

  it('refuses disguised content and keeps nothing', async () => {
    for (const head of [Buffer.from('<html><body>'), Buffer.from('MZ\x90\x00'), Buffer.from('PK\x03\x04')]) {
      expect(await intakeFile(content(head, 3000), store, { maxBytes: 10_000, onRefuse: 'drain' })).toEqual({ ok: false, code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    }
    // Shorter than the PNG signature and matching nothing.
    expect(await intakeFile([Buffer.from([0xff, 0xd8])], store, { maxBytes: 100, onRefuse: 'drain' })).toEqual({ ok: false, code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('sniffs a signature split over one-byte chunks, and a tiny PDF', async () => {
    const png = await intakeFile(content(PNG, 40, 1), store, { maxBytes: 100, onRefuse: 'drain' });
    expect(png.ok && png.blob.mediaType).toBe('image/png');
    if (png.ok) await png.blob.discard();
    const tiny = await intakeFile([Buffer.from('%PDF-')], store, { maxBytes: 100, onRefuse: 'drain' });
    expect(tiny.ok && tiny.blob.mediaType).toBe('application/pdf');
    if (tiny.ok) await tiny.blob.discard();
  });

  it('stores under the SHA-256 of the bytes, once per content', async () => {
    const chunks = content(PDF, 5000, 700);
    const expected = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const first = await intakeFile(chunks, store, { maxBytes: 10_000, onRefuse: 'drain' });
    const second = await intakeFile(chunks, store, { maxBytes: 10_000, onRefuse: 'drain' });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.blob.sha256).toBe(expected);
    await first.blob.commit();
    await second.blob.commit();
    await second.blob.discard(); // after commit: nothing to do
    expect(filesUnder('sha256')).toEqual([path.join(expected.slice(0, 2), expected.slice(2, 4), expected)]);
    expect(filesUnder('tmp')).toEqual([]);
    const back = await store.open(expected);
    const read: Buffer[] = [];
    for await (const c of back!) read.push(c as Buffer);
    expect(Buffer.concat(read).equals(Buffer.concat(chunks))).toBe(true);
    expect(await store.open('0'.repeat(64))).toBeNull();
  });

  it('stops reading an endless stream at the limit instead of buffering it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    PDF.copy(chunk);
    let produced = 0;
    const endless = new Readable({
      highWaterMark: 64 * 1024,
      read() {
        produced += chunk.length;
        this.push(chunk);
      },
    });
    const maxBytes = 1024 * 1024;
    expect(await intakeFile(endless, store, { maxBytes, onRefuse: 'stop' })).toEqual({ ok: false, code: 'DOCUMENT_TOO_LARGE' });
    // The limit, the chunk that crossed it and what the stream had buffered ahead (its high-water mark).
    expect(produced).toBeLessThanOrEqual(maxBytes + 3 * chunk.length);
    expect(endless.destroyed).toBe(true);
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('leaves nothing behind when the source fails midway', async () => {
    async function* failing() {
      yield PDF;
      yield Buffer.alloc(2048);
      throw new Error('connection reset');
    }
    await expect(intakeFile(failing(), store, { maxBytes: 10_000, onRefuse: 'drain' })).rejects.toThrow('connection reset');
    expect(filesUnder('tmp')).toEqual([]);
  });
});
