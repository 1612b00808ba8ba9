/**
 * A printable document as plain data: what `renderDocument` turns into an A4 PDF. The kernel
 * knows layout, not business: callers decide every word that appears on the page.
 */

/** One line of a header column; long lines wrap inside the column and stay centred. */
export interface PdfHeaderLine {
  text: string;
  bold?: boolean;
  /**
   * Draws a rule under the line: 'full' as long as the text (under the national motto),
   * 'short' about 40 % of it (under an issuing agency's name).
   */
  rule?: 'full' | 'short';
}

/** The two-column heading of an administrative document: issuer on the left, motto on the right. */
export interface PdfHeader {
  left: readonly PdfHeaderLine[];
  right: readonly PdfHeaderLine[];
}

export type PdfAlign = 'left' | 'center' | 'right';

export interface PdfParagraphBlock {
  kind: 'paragraph';
  text: string;
  bold?: boolean;
  align?: PdfAlign;
  /** Keeps this paragraph on the same page as the block that follows it (an introduction). */
  keepWithNext?: boolean;
}

/** A bold line that always stays on the page of the block after it. */
export interface PdfHeadingBlock {
  kind: 'heading';
  text: string;
}

export interface PdfFieldRow {
  label: string;
  value: string;
  bold?: boolean;
}

/** Label/value rows: the label in a fixed column, the value wrapping beside it. */
export interface PdfFieldsBlock {
  kind: 'fields';
  rows: readonly PdfFieldRow[];
  /** Share of the text width given to the labels, 0.15–0.6; 0.34 by default. */
  labelWidth?: number;
}

export interface PdfListBlock {
  kind: 'list';
  style: 'numbered' | 'bulleted';
  items: readonly string[];
}

export interface PdfTableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  width: number;
  align?: PdfAlign;
}

/** A bordered table; the header row repeats at the top of every page the table runs onto. */
export interface PdfTableBlock {
  kind: 'table';
  columns: readonly PdfTableColumn[];
  rows: readonly (readonly string[])[];
}

export interface PdfSpacerBlock {
  kind: 'spacer';
  /** Points; one blank line by default. */
  height?: number;
}

export type PdfBlock = PdfParagraphBlock | PdfHeadingBlock | PdfFieldsBlock | PdfListBlock | PdfTableBlock | PdfSpacerBlock;

/** A signature column: place and date, role, a note such as "(Ký, ghi rõ họ tên)", then the name. */
export interface PdfSignature {
  placeAndDate?: string;
  role: string;
  note?: string;
  name: string;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  /** Passed in so that rendering never reads the clock. */
  creationDate: Date;
  keywords?: readonly string[];
  creator?: string;
  /** BCP 47 tag; "vi-VN" by default. */
  language?: string;
}

export interface PdfDocumentSpec {
  metadata: PdfMetadata;
  /** A small right-aligned line above everything else, such as the form number. */
  reference?: string;
  header?: PdfHeader;
  title: string;
  subtitle?: string;
  blocks: readonly PdfBlock[];
  /** One signature sits in the right half; two sit side by side (first on the left). */
  signatures?: readonly PdfSignature[];
  /** Small text at the bottom of every page, beside the page number "Trang x/y". */
  footer?: string;
}

/** A font the kernel can draw with: the regular and bold faces of one family. */
export interface PdfFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}
