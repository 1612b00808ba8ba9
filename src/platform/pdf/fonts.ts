/** The font the PDF kernel draws with by default: DejaVu Serif Condensed, shipped in assets/fonts/dejavu. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PdfFontBytes } from './pdf.types.ts';

/** Committed with the repository (Bitstream Vera / DejaVu licence), so a clean `npm ci` machine has it. */
export const DEFAULT_FONT_DIR = path.resolve(import.meta.dirname, '../../../assets/fonts/dejavu');

export const DEFAULT_FONT_FILES = Object.freeze({
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
});

let cached: Promise<PdfFontBytes> | null = null;

/**
 * Reads the default font files once per process; the bytes never change while it runs.
 * A serif face because Vietnamese administrative documents are set in one (Times New Roman,
 * Nghị định 30/2020/NĐ-CP), condensed so the national motto fits its column.
 */
export function loadDefaultFonts(): Promise<PdfFontBytes> {
  cached ??= Promise.all([
    readFile(path.join(DEFAULT_FONT_DIR, DEFAULT_FONT_FILES.regular)),
    readFile(path.join(DEFAULT_FONT_DIR, DEFAULT_FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
