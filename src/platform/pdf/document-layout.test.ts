import { describe, expect, it } from 'vitest';
import { layoutDocument, pageLabel } from './document-layout.ts';
import { CONTENT_WIDTH, PAGE, type MeasureText } from './layout.types.ts';
import type { PdfDocumentSpec } from './pdf.types.ts';

// A fake monospace face: half an em per character, a little wider in bold.
const measure: MeasureText = (text, face, size) => [...text].length * size * (face === 'bold' ? 0.55 : 0.5);

const spec: PdfDocumentSpec = {
  metadata: { title: 't', subject: 's', author: 'a', creationDate: new Date(0) },
  reference: 'Mẫu số 01',
  header: { left: [{ text: 'ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH', bold: true, rule: 'short' }], right: [{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }] },
  title: 'TIÊU ĐỀ',
  blocks: [
    { kind: 'paragraph', text: 'Một đoạn văn rất dài '.repeat(40) },
    { kind: 'fields', rows: [{ label: 'Nhãn rất dài cần xuống dòng trong cột nhãn:', value: 'Giá trị '.repeat(30) }] },
    { kind: 'list', style: 'numbered', items: Array.from({ length: 12 }, (_, i) => `Mục ${i + 1} `.repeat(12)) },
    { kind: 'table', columns: [{ header: 'A', width: 1 }, { header: 'B', width: 3, align: 'right' }], rows: Array.from({ length: 40 }, (_, i) => [`${i}`, 'ô '.repeat(60)]) },
  ],
  signatures: [{ role: 'NGƯỜI NỘP', name: 'Nguyễn Thị Hương' }, { placeAndDate: 'Ba Đình, ngày 22 tháng 11 năm 2026', role: 'NGƯỜI NHẬN', note: '(Ký)', name: 'Trần Văn Ấn' }],
  footer: 'Chân trang',
};

describe('layoutDocument', () => {
  const pages = layoutDocument(spec, measure);

  it('keeps every line of text inside the margins of an A4 page', () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const op of pages.flat()) {
      if (op.kind !== 'text') continue;
      expect(op.x).toBeGreaterThanOrEqual(PAGE.marginLeft - 0.01);
      expect(op.x + measure(op.text, op.face, op.size)).toBeLessThanOrEqual(PAGE.marginLeft + CONTENT_WIDTH + 0.01);
      expect(op.y).toBeGreaterThan(PAGE.marginTop);
      expect(op.y).toBeLessThan(PAGE.height - PAGE.marginBottom);
    }
  });

  it('numbers every page out of the total', () => {
    pages.forEach((ops, i) => {
      expect(ops.some((op) => op.kind === 'text' && op.text === pageLabel(i + 1, pages.length))).toBe(true);
    });
  });

  it('puts the names of two signatories on one line, whatever lines come above them', () => {
    const names = pages.flat().filter((op) => op.kind === 'text' && (op.text === 'Nguyễn Thị Hương' || op.text === 'Trần Văn Ấn'));
    expect(names).toHaveLength(2);
    expect(names[0]!.kind === 'text' && names[1]!.kind === 'text' && names[0]!.y === names[1]!.y).toBe(true);
  });
});
