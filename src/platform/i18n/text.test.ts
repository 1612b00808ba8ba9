import { describe, expect, it } from 'vitest';
import { cleanText, foldDiacritics, slugify, words } from './text.ts';

describe('Vietnamese text folding', () => {
  it('folds tone marks, vowel marks and đ', () => {
    expect(foldDiacritics('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldDiacritics('GIẤY PHÉP LÁI XE')).toBe('giay phep lai xe');
    expect(foldDiacritics('Quyền sử dụng đất')).toBe('quyen su dung dat');
  });

  it('folds decomposed (NFD) input the same as composed input', () => {
    const nfd = 'Hộ chiếu'.normalize('NFD');
    expect(foldDiacritics(nfd)).toBe(foldDiacritics('Hộ chiếu'));
    expect(cleanText(nfd)).toBe('Hộ chiếu'.normalize('NFC'));
  });

  it('splits words on punctuation and keeps digits', () => {
    expect(words('Cấp, quản lý căn cước (CCCD) 12 số')).toEqual(['cấp', 'quản', 'lý', 'căn', 'cước', 'cccd', '12', 'số']);
  });

  it('makes stable slugs', () => {
    expect(slugify('Cấp, quản lý căn cước')).toBe('cap-quan-ly-can-cuoc');
    expect(slugify('  Đất đai  ')).toBe('dat-dai');
    expect(slugify('a'.repeat(50) + ' ' + 'b'.repeat(50)).length).toBeLessThanOrEqual(80);
  });
});
