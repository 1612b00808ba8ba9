/** Lays out a whole document spec: header, title, blocks, signatures, then footers and page numbers. */
import type { PdfDocumentSpec, PdfHeader, PdfHeaderLine, PdfSignature } from './pdf.types.ts';
import { CONTENT_WIDTH, PAGE, SIZE, lineHeight, type DrawOp, type FlowItem, type MeasureText } from './layout.types.ts';
import { BODY, BODY_BOLD, layoutBlock, padBottom, placeLine, wrapBalanced, wrapStyled, type TextStyle } from './block-layout.ts';
import { flowPages } from './page-flow.ts';

const LEFT = PAGE.marginLeft;
const RULE = 0.6;
/** Share of the width taken by the issuer column; the motto column gets the rest. */
const HEADER_LEFT_SHARE = 0.44;
/** Room left blank above a signatory's name for a handwritten signature and seal. */
const SIGNATURE_SPACE = 56;

interface Column {
  ops: DrawOp[];
  height: number;
}

/** Centred lines of one header column, with rules under the lines that ask for one. */
function headerColumn(lines: readonly PdfHeaderLine[], left: number, width: number, measure: MeasureText): Column {
  const ops: DrawOp[] = [];
  const lh = lineHeight(SIZE.header);
  let y = 0;
  for (const line of lines) {
    const style: TextStyle = { face: line.bold ? 'bold' : 'regular', size: SIZE.header };
    const wrapped = wrapBalanced(line.text, width, style, measure);
    wrapped.forEach((text, i) => ops.push(placeLine(text, left, width, y + i * lh, 'center', style, measure)));
    y += wrapped.length * lh;
    if (line.rule) {
      const textWidth = Math.min(width, Math.max(...wrapped.map((t) => measure(t, style.face, style.size))));
      const ruleWidth = line.rule === 'full' ? textWidth : Math.max(40, textWidth * 0.4);
      const x1 = left + (width - ruleWidth) / 2;
      ops.push({ kind: 'line', x1, y1: y + 1, x2: x1 + ruleWidth, y2: y + 1, thickness: RULE });
      y += 6;
    }
  }
  return { ops, height: y };
}

function layoutHeader(header: PdfHeader, measure: MeasureText): FlowItem {
  const leftWidth = CONTENT_WIDTH * HEADER_LEFT_SHARE;
  const left = headerColumn(header.left, LEFT, leftWidth - 6, measure);
  const right = headerColumn(header.right, LEFT + leftWidth, CONTENT_WIDTH - leftWidth, measure);
  return { height: Math.max(left.height, right.height) + 14, ops: [...left.ops, ...right.ops], keepWithNext: true };
}

function centredLines(text: string, style: TextStyle, measure: MeasureText): FlowItem[] {
  const group = Symbol('centred');
  const lh = lineHeight(style.size);
  return wrapBalanced(text, CONTENT_WIDTH, style, measure).map((line) => ({
    height: lh,
    ops: line === '' ? [] : [placeLine(line, LEFT, CONTENT_WIDTH, 0, 'center', style, measure)],
    group,
    keepWithNext: true,
  }));
}

type SignaturePart = 'placeAndDate' | 'role' | 'note' | 'name';

const SIGNATURE_PARTS: readonly [SignaturePart, TextStyle][] = [
  ['placeAndDate', BODY],
  ['role', BODY_BOLD],
  ['note', BODY],
  ['name', BODY_BOLD],
];

/**
 * Signature columns side by side, one centred in each half. Parts line up across columns
 * (roles on one line, names on one line) even when only one column has a place and date.
 */
function layoutSignatures(signatures: readonly PdfSignature[], measure: MeasureText): FlowItem[] {
  if (signatures.length === 0) return [];
  const half = CONTENT_WIDTH / 2;
  const lh = lineHeight(SIZE.body);
  const shown = signatures.slice(-2);
  const lefts = shown.length === 2 ? [LEFT, LEFT + half] : [LEFT + half];
  const wrapped = shown.map((s) => SIGNATURE_PARTS.map(([part, style]) => (s[part] ? wrapStyled(s[part], half - 8, style, measure) : [])));
  const ops: DrawOp[] = [];
  let y = 0;
  SIGNATURE_PARTS.forEach(([part, style], p) => {
    if (part === 'name') y += SIGNATURE_SPACE;
    wrapped.forEach((parts, c) => parts[p]!.forEach((line, i) => ops.push(placeLine(line, lefts[c]! + 4, half - 8, y + i * lh, 'center', style, measure))));
    y += Math.max(...wrapped.map((parts) => parts[p]!.length)) * lh;
  });
  return [{ height: 8, ops: [], keepWithNext: true }, { height: y, ops }];
}

/** Everything that flows, in reading order. */
function documentItems(spec: PdfDocumentSpec, measure: MeasureText): FlowItem[] {
  const items: FlowItem[] = [];
  if (spec.reference) {
    const style: TextStyle = { face: 'regular', size: SIZE.reference };
    const lines = wrapStyled(spec.reference, CONTENT_WIDTH, style, measure);
    items.push(...lines.map((line) => ({ height: lineHeight(style.size), ops: [placeLine(line, LEFT, CONTENT_WIDTH, 0, 'right', style, measure)], keepWithNext: true })));
  }
  if (spec.header) items.push(layoutHeader(spec.header, measure));
  items.push(...centredLines(spec.title, { face: 'bold', size: SIZE.title }, measure));
  if (spec.subtitle) items.push(...centredLines(spec.subtitle, BODY, measure));
  padBottom(items, 10);
  for (const block of spec.blocks) items.push(...layoutBlock(block, measure));
  items.push(...layoutSignatures(spec.signatures ?? [], measure));
  return items;
}

/** The page number label printed on every page. */
export const pageLabel = (page: number, pages: number) => `Trang ${page}/${pages}`;

interface FooterLayout {
  height: number;
  draw: (page: number, pages: number) => DrawOp[];
}

function layoutFooter(text: string | undefined, measure: MeasureText): FooterLayout {
  const style: TextStyle = { face: 'regular', size: SIZE.footer };
  const lh = lineHeight(style.size);
  const labelRoom = measure(pageLabel(999, 999), style.face, style.size) + 12;
  const lines = text ? wrapStyled(text, CONTENT_WIDTH - labelRoom, style, measure) : [];
  const height = Math.max(1, lines.length) * lh + 6;
  const top = PAGE.height - PAGE.marginBottom - height;
  return {
    height,
    draw: (page, pages) => [
      { kind: 'line', x1: LEFT, y1: top, x2: LEFT + CONTENT_WIDTH, y2: top, thickness: 0.4 },
      ...lines.map((line, i) => placeLine(line, LEFT, CONTENT_WIDTH - labelRoom, top + 4 + i * lh, 'left', style, measure)),
      placeLine(pageLabel(page, pages), LEFT, CONTENT_WIDTH, top + 4, 'right', style, measure),
    ],
  };
}

/** The drawing operations of every page of the document, footers and page numbers included. */
export function layoutDocument(spec: PdfDocumentSpec, measure: MeasureText): DrawOp[][] {
  const footer = layoutFooter(spec.footer, measure);
  const frame = { top: PAGE.marginTop, bottom: PAGE.height - PAGE.marginBottom - footer.height - 8 };
  const pages = flowPages(documentItems(spec, measure), frame);
  return pages.map((ops, i) => [...ops, ...footer.draw(i + 1, pages.length)]);
}
