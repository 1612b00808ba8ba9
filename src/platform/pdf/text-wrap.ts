/** Text preparation and line breaking for the PDF kernel; pure, measured by a callback. */

/** Width of a string in points, for one face and size already chosen by the caller. */
export type MeasureLine = (text: string) => number;

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * NFC, tabs and other whitespace as spaces, control characters dropped, line breaks kept.
 * NFC matters: pdf-lib draws a decomposed "ế" as a letter and loose marks in the wrong place,
 * and text extracted from the PDF would not match what the citizen typed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, '');
}

/** Splits a word wider than the line into pieces that fit, never inside a letter and its marks. */
function breakLongWord(word: string, maxWidth: number, measure: MeasureLine): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(word)) {
    if (current !== '' && measure(current + segment) > maxWidth) {
      pieces.push(current);
      current = segment;
    } else {
      current += segment;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function wrapParagraph(paragraph: string, maxWidth: number, measure: MeasureLine): string[] {
  const words = paragraph.split(' ').filter((w) => w !== '');
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    if (measure(word) <= maxWidth) {
      current = word;
    } else {
      const pieces = breakLongWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      current = pieces.at(-1) ?? '';
    }
  }
  lines.push(current);
  return lines;
}

/**
 * Normalises the text and breaks it into lines no wider than `maxWidth`, at spaces where it
 * can and inside over-long words (URLs, codes) where it must. "\n" forces a break.
 */
export function wrapText(text: string, maxWidth: number, measure: MeasureLine): string[] {
  return normalizeText(text)
    .split('\n')
    .flatMap((paragraph) => wrapParagraph(paragraph, maxWidth, measure));
}
