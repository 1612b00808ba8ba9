import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument, type PdfDocumentSpec } from './pdf.ts';

// Reads the PDFs back with poppler-utils (CI installs it), as a reader's viewer or a search
// index would, instead of trusting the layout's own idea of what it drew.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
function save(bytes: Uint8Array): string {
  const file = path.join(dir, `doc-${++count}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}
const poppler = (tool: string, ...args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
const textOf = (file: string, ...args: string[]) => poppler('pdftotext', '-layout', ...args, file, '-');

// Every vowel with every tone mark somewhere, plus đ/Đ, in real words: pdftotext -layout
// can swallow the space between one-letter words, which would make the test about poppler.
const VIETNAMESE = [
  'Nguyễn Thị Hương',
  'Ủy ban nhân dân phường Ba Đình',
  'đăng ký thường trú',
  'Trần Văn Ấn, Đặng Thị Ngọc Hạnh',
  'Kỹ sư Lý Mỵ Châu ở Hải Dương',
  'những lực lượng hợp lệ, bậc thầy',
  'chẳng lẫn lộn, lặng lẽ, đẵn gỗ, mắm',
  'kể chuyện, lễ hội, nghĩa vụ, chỉ, chị',
  'tổ chức mỗi một thủ tục, cũ, cụ, ùn',
  'Ỷ Lan, Ỹ, Ỵ, Ữ, Ự, Ở, Ợ, Ẫ, Ậ, Ằ, Ẳ, Ẵ, Ặ, Ể, Ễ, Ệ, Ỉ, Ĩ, Ị, Ổ, Ỗ, Ộ, Ủ, Ũ, Ụ',
];

function buildSpec(overrides: Partial<PdfDocumentSpec> = {}): PdfDocumentSpec {
  return {
    metadata: { title: 'Tài liệu thử nghiệm tiếng Việt', subject: 'Kiểm tra bộ dựng PDF', author: 'Cổng Dịch vụ công', creationDate: new Date('2026-11-22T08:30:00Z') },
    reference: 'Mẫu số 99 – tài liệu thử',
    header: {
      left: [{ text: 'ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH', bold: true, rule: 'short' }],
      right: [{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }, { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, rule: 'full' }],
    },
    title: 'TÀI LIỆU THỬ NGHIỆM',
    subtitle: 'Mã: TEST-0001',
    blocks: [
      { kind: 'heading', text: 'Thông tin chung' },
      ...VIETNAMESE.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'fields', rows: [{ label: 'Họ và tên:', value: 'Nguyễn Thị Hương', bold: true }] },
      { kind: 'list', style: 'numbered', items: ['Mục một', 'Mục hai'] },
      { kind: 'list', style: 'bulleted', items: ['Gạch đầu dòng'] },
    ],
    signatures: [{ placeAndDate: 'Ba Đình, ngày 22 tháng 11 năm 2026', role: 'NGƯỜI KÝ', note: '(Ký, ghi rõ họ tên)', name: 'Trần Văn Ấn' }],
    footer: 'Chân trang tiếng Việt',
    ...overrides,
  };
}

const longTable = (rows: number): PdfDocumentSpec['blocks'] => [
  {
    kind: 'table',
    columns: [
      { header: 'STT', width: 1, align: 'center' },
      { header: 'Tên giấy tờ', width: 8 },
    ],
    rows: Array.from({ length: rows }, (_, i) => [String(i + 1), `Giấy tờ số ${i + 1} về đăng ký thường trú, kèm bản sao có chứng thực`]),
  },
];

describe('renderDocument', () => {
  it('draws every Vietnamese letter so that it reads back as the same NFC text', async () => {
    const text = textOf(save(await renderDocument(buildSpec())));
    for (const expected of [...VIETNAMESE, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TÀI LIỆU THỬ NGHIỆM', 'Mẫu số 99 – tài liệu thử', 'Chân trang tiếng Việt', 'Trang 1/1']) {
      expect(text).toContain(expected.normalize('NFC'));
    }
    expect(text).toMatch(/1\.\s+Mục một/);
  });

  it('writes decomposed (NFD) input as precomposed (NFC) text', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const spec = buildSpec({ title: nfd('GIẤY TIẾP NHẬN'), blocks: VIETNAMESE.map((t) => ({ kind: 'paragraph', text: nfd(t) })) });
    const text = textOf(save(await renderDocument(spec)));
    expect(text).toBe(text.normalize('NFC'));
    for (const expected of [...VIETNAMESE, 'GIẤY TIẾP NHẬN']) expect(text).toContain(expected.normalize('NFC'));
  });

  it('breaks a long table onto further pages, repeats its header and numbers every page', async () => {
    const file = save(await renderDocument(buildSpec({ blocks: longTable(60) })));
    const count = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', file))?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    const pages = Array.from({ length: count }, (_, i) => textOf(file, '-f', String(i + 1), '-l', String(i + 1)));
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${count}`));
    for (const page of pages) expect(page).toContain('Tên giấy tờ');
    expect(pages.at(-1)).toContain('Giấy tờ số 60 về đăng ký thường trú');
    expect(pages.at(-1)).toContain('Trần Văn Ấn');
    // Every row appears exactly once across the pages.
    const rows = pages.join('\n').match(/Giấy tờ số \d+ về/g) ?? [];
    expect(rows).toHaveLength(60);
  });

  it('sets the metadata from the spec and never from the clock', async () => {
    const info = poppler('pdfinfo', '-isodates', save(await renderDocument(buildSpec())));
    expect(info).toMatch(/^Title:\s+Tài liệu thử nghiệm tiếng Việt$/m);
    expect(info).toMatch(/^Subject:\s+Kiểm tra bộ dựng PDF$/m);
    expect(info).toMatch(/^Author:\s+Cổng Dịch vụ công$/m);
    expect(info).toMatch(/^CreationDate:\s+2026-11-22T08:30:00(Z|\+00)/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });

  it('embeds subsets of both faces and renders the same bytes for the same spec', async () => {
    const first = await renderDocument(buildSpec());
    const fonts = poppler('pdffonts', save(first)).split('\n').filter((l) => l.includes('DejaVu'));
    expect(fonts).toHaveLength(2);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+DejaVuSerifCondensed(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(Buffer.from(await renderDocument(buildSpec())).equals(Buffer.from(first))).toBe(true);
    expect(first.length).toBeLessThan(60_000);
  });

  it('renders a document with only a title', async () => {
    const text = textOf(save(await renderDocument({ metadata: buildSpec().metadata, title: 'Chỉ có tiêu đề', blocks: [] })));
    expect(text).toContain('Chỉ có tiêu đề');
    expect(text).toContain('Trang 1/1');
  });
});
