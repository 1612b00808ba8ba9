/** The PDF kernel's public API: a plain-data document spec in, A4 PDF bytes out. */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { layoutDocument } from './document-layout.ts';
import { loadDefaultFonts } from './fonts.ts';
import { PAGE, type DrawOp, type FontFace } from './layout.types.ts';
import type { PdfDocumentSpec, PdfFontBytes, PdfMetadata } from './pdf.types.ts';

export type * from './pdf.types.ts';
export { pageLabel } from './document-layout.ts';
export { normalizeText } from './text-wrap.ts';

export interface RenderOptions {
  /** Another regular + bold TrueType/OpenType pair; DejaVu Serif Condensed by default. */
  fonts?: PdfFontBytes;
}

const BLACK = rgb(0, 0, 0);

/** Parsing a font for its name costs milliseconds; the default font bytes live for the process. */
const postscriptNames = new WeakMap<Uint8Array, string>();

/**
 * "AAAAAA+DejaVuSerifCondensed": a fixed subset tag instead of pdf-lib's random suffix keeps the
 * output byte-for-byte reproducible for the same spec.
 */
function subsetName(tag: string, bytes: Uint8Array): string {
  let name = postscriptNames.get(bytes);
  if (name === undefined) {
    name = fontkit.create(bytes).postscriptName ?? 'Font';
    postscriptNames.set(bytes, name);
  }
  return `${tag}+${name}`;
}

function applyMetadata(pdf: PDFDocument, meta: PdfMetadata): void {
  const nfc = (text: string) => text.normalize('NFC');
  pdf.setTitle(nfc(meta.title), { showInWindowTitleBar: true });
  pdf.setSubject(nfc(meta.subject));
  pdf.setAuthor(nfc(meta.author));
  if (meta.keywords?.length) pdf.setKeywords(meta.keywords.map(nfc));
  if (meta.creator) pdf.setCreator(nfc(meta.creator));
  pdf.setProducer('pdf-lib');
  pdf.setLanguage(meta.language ?? 'vi-VN');
  pdf.setCreationDate(meta.creationDate);
  pdf.setModificationDate(meta.creationDate);
}

function drawOp(page: ReturnType<PDFDocument['addPage']>, op: DrawOp, fonts: Record<FontFace, PDFFont>): void {
  // Layout runs top-down; PDF user space runs bottom-up.
  if (op.kind === 'text') {
    page.drawText(op.text, { x: op.x, y: PAGE.height - op.y, size: op.size, font: fonts[op.face], color: BLACK });
  } else {
    page.drawLine({ start: { x: op.x1, y: PAGE.height - op.y1 }, end: { x: op.x2, y: PAGE.height - op.y2 }, thickness: op.thickness, color: BLACK });
  }
}

/**
 * Renders a document spec to A4 PDF bytes: wrapped NFC text, automatic page breaks, "Trang x/y"
 * on every page, the fonts embedded as subsets, metadata from the spec (the clock is never read).
 */
export async function renderDocument(doc: PdfDocumentSpec, options: RenderOptions = {}): Promise<Uint8Array> {
  const bytes = options.fonts ?? (await loadDefaultFonts());
  // updateMetadata: false stops pdf-lib stamping the current time; the spec carries the date.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts: Record<FontFace, PDFFont> = {
    regular: await pdf.embedFont(bytes.regular, { subset: true, customName: subsetName('AAAAAA', bytes.regular) }),
    bold: await pdf.embedFont(bytes.bold, { subset: true, customName: subsetName('AAAAAB', bytes.bold) }),
  };
  const measure = (text: string, face: FontFace, size: number) => fonts[face].widthOfTextAtSize(text, size);
  for (const ops of layoutDocument(doc, measure)) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    for (const op of ops) drawOp(page, op, fonts);
  }
  applyMetadata(pdf, doc.metadata);
  return pdf.save();
}
