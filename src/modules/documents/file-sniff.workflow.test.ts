import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffMediaType } from './file-sniff.workflow.ts';

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

// First bytes of real files, and of files dressed up as something they are not.
const HEADERS: ReadonlyArray<[string, Buffer, string | null]> = [
  ['PDF 1.7 with binary comment line', bytes('%PDF-1.7\n%', 0xe2, 0xe3, 0xcf, 0xd3), 'application/pdf'],
  ['PDF 2.0', bytes('%PDF-2.0\r\n'), 'application/pdf'],
  ['JPEG JFIF (FF D8 FF E0 … "JFIF")', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'JFIF', 0x00), 'image/jpeg'],
  ['JPEG Exif from a phone camera (FF D8 FF E1)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 'Exif', 0x00, 0x00), 'image/jpeg'],
  ['JPEG without APP segment (FF D8 FF DB)', bytes(0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08), 'image/jpeg'],
  ['PNG with IHDR', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 'IHDR'), 'image/png'],
  ['HTML page renamed .pdf', bytes('<!DOCTYPE html><html><script>alert(1)</script>'), null],
  ['HTML starting with whitespace', bytes('\n <html>'), null],
  ['Windows EXE renamed .pdf (MZ)', bytes('MZ', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00), null],
  ['ELF binary', bytes(0x7f, 'ELF', 0x02, 0x01, 0x01, 0x00), null],
  ['ZIP / DOCX renamed .pdf', bytes('PK', 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), null],
  ['GIF89a', bytes('GIF89a', 0x01, 0x00), null],
  ['SVG (can carry scripts)', bytes('<?xml version="1.0"?><svg'), null],
  ['PDF header after a UTF-8 BOM', bytes(0xef, 0xbb, 0xbf, '%PDF-1.4'), null],
  ['PDF header after a newline', bytes('\n%PDF-1.4'), null],
  ['"%PDF" without the dash', bytes('%PDF1.4 '), null],
  ['PNG damaged by a text-mode transfer (CRLF → LF)', bytes(0x89, 'PNG', 0x0a, 0x1a, 0x0a, 0x00, 0x00), null],
  ['JPEG cut after two bytes', bytes(0xff, 0xd8), null],
  ['plain text', bytes('Họ và tên: Nguyễn Văn An'), null],
  ['nothing', Buffer.alloc(0), null],
];

describe('sniffMediaType', () => {
  it.each(HEADERS)('%s → %s', (_name, head, expected) => {
    expect(sniffMediaType(head.subarray(0, SNIFF_BYTES))).toBe(expected);
  });

  it('needs no more than the 8 bytes of the PNG signature', () => {
    expect(SNIFF_BYTES).toBe(8);
    expect(sniffMediaType(bytes('%PDF-'))).toBe('application/pdf');
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(sniffMediaType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a))).toBeNull();
  });
});
