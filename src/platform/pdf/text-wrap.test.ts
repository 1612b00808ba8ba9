import { describe, expect, it } from 'vitest';
import { normalizeText, wrapText } from './text-wrap.ts';

// One point per character: easy to reason about line widths.
const byLength = (text: string) => [...text].length;

describe('normalizeText', () => {
  it('turns decomposed Vietnamese into precomposed letters', () => {
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hương');
    expect(normalizeText(nfd)).toBe('Nguyễn Thị Hương'.normalize('NFC'));
  });

  it('keeps line breaks, turns tabs and no-break spaces into spaces and drops control characters', () => {
    expect(normalizeText('a\tb\u00a0c\r\nd\u0007e\u200b')).toBe('a b c\nde');
  });
});

describe('wrapText', () => {
  it('breaks at spaces so that no line is wider than the limit', () => {
    const lines = wrapText('Ủy ban nhân dân phường Ba Đình', 12, byLength);
    expect(lines).toEqual(['Ủy ban nhân', 'dân phường', 'Ba Đình']);
    expect(lines.every((l) => byLength(l) <= 12)).toBe(true);
  });

  it('breaks a word longer than the line without separating a letter from its marks', () => {
    const word = 'https://example.vn/tra-cứu';
    const lines = wrapText(word, 10, byLength);
    expect(lines.join('')).toBe(word);
    expect(lines.every((l) => byLength(l) <= 10)).toBe(true);
    // Decomposed input is composed first, so "ứ" counts as one character and stays whole.
    expect(wrapText('ứứứ'.normalize('NFD'), 1, byLength)).toEqual(['ứ', 'ứ', 'ứ']);
  });

  it('honours explicit line breaks and keeps empty lines', () => {
    expect(wrapText('một\n\nhai  ba', 20, byLength)).toEqual(['một', '', 'hai ba']);
  });

  it('returns NFC lines from NFD text', () => {
    const lines = wrapText('đăng ký thường trú'.normalize('NFD'), 100, byLength);
    expect(lines).toEqual(['đăng ký thường trú'.normalize('NFC')]);
  });
});
