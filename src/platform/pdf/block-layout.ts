/** Turns content blocks into flow items: wrapped, positioned lines ready for the page flow. */
import type { PdfAlign, PdfBlock, PdfFieldsBlock, PdfListBlock, PdfParagraphBlock, PdfTableBlock } from './pdf.types.ts';
import { CONTENT_WIDTH, PAGE, SIZE, baselineOffset, lineHeight, type DrawOp, type FlowItem, type FontFace, type MeasureText } from './layout.types.ts';
import { wrapText } from './text-wrap.ts';

export interface TextStyle {
  face: FontFace;
  size: number;
}

export const BODY: TextStyle = Object.freeze({ face: 'regular', size: SIZE.body });
export const BODY_BOLD: TextStyle = Object.freeze({ face: 'bold', size: SIZE.body });

const LEFT = PAGE.marginLeft;
const LINE = lineHeight(SIZE.body);
const BLOCK_GAP = 4;
const CELL_PADDING = 4;
const RULE = 0.5;

/** Wrapped lines of `text` in the given style. */
export function wrapStyled(text: string, width: number, style: TextStyle, measure: MeasureText): string[] {
  return wrapText(text, width, (line) => measure(line, style.face, style.size));
}

/**
 * Wrapped lines of equal-ish length for centred text: the narrowest width that needs no more
 * lines than `width` does, so "ỦY BAN NHÂN DÂN / PHƯỜNG BA ĐÌNH" rather than a lone last word.
 */
export function wrapBalanced(text: string, width: number, style: TextStyle, measure: MeasureText): string[] {
  const lines = wrapStyled(text, width, style, measure);
  if (lines.length < 2) return lines;
  let low = width / 2;
  let high = width;
  for (let step = 0; step < 12; step += 1) {
    const mid = (low + high) / 2;
    if (wrapStyled(text, mid, style, measure).length <= lines.length) high = mid;
    else low = mid;
  }
  return wrapStyled(text, high, style, measure);
}

/** A text op for one line placed inside the box [left, left + width] whose line box starts at `top`. */
export function placeLine(line: string, left: number, width: number, top: number, align: PdfAlign, style: TextStyle, measure: MeasureText): DrawOp {
  const text = line.normalize('NFC');
  const free = width - measure(text, style.face, style.size);
  const x = align === 'center' ? left + free / 2 : align === 'right' ? left + free : left;
  return { kind: 'text', x, y: top + baselineOffset(style.size), text, face: style.face, size: style.size };
}

/** Adds space below the last item without breaking the keep-with-next chain a gap item would. */
export function padBottom(items: FlowItem[], gap: number): FlowItem[] {
  const last = items.at(-1);
  if (last) items[items.length - 1] = { ...last, height: last.height + gap };
  return items;
}

/** Lines of one paragraph; short paragraphs stay whole, long ones keep two lines together at each end. */
function layoutParagraph(block: PdfParagraphBlock, measure: MeasureText): FlowItem[] {
  const style = block.bold ? BODY_BOLD : BODY;
  const lines = wrapStyled(block.text, CONTENT_WIDTH, style, measure);
  const whole = lines.length <= 3 ? Symbol('paragraph') : undefined;
  const head = Symbol('paragraph-head');
  const tail = Symbol('paragraph-tail');
  const items = lines.map((line, i): FlowItem => ({
    height: LINE,
    ops: line === '' ? [] : [placeLine(line, LEFT, CONTENT_WIDTH, 0, block.align ?? 'left', style, measure)],
    group: whole ?? (i < 2 ? head : i >= lines.length - 2 ? tail : undefined),
  }));
  if (block.keepWithNext) items[items.length - 1] = { ...items[items.length - 1]!, keepWithNext: true };
  return items;
}

function layoutFields(block: PdfFieldsBlock, measure: MeasureText): FlowItem[] {
  const share = Math.min(0.6, Math.max(0.15, block.labelWidth ?? 0.34));
  const labelWidth = CONTENT_WIDTH * share - 6;
  const valueLeft = LEFT + CONTENT_WIDTH * share;
  const valueWidth = CONTENT_WIDTH * (1 - share);
  return block.rows.flatMap((row) => {
    const valueStyle = row.bold ? BODY_BOLD : BODY;
    const labels = wrapStyled(row.label, labelWidth, BODY, measure);
    const values = wrapStyled(row.value, valueWidth, valueStyle, measure);
    const group = Symbol('field');
    return Array.from({ length: Math.max(labels.length, values.length) }, (_, i): FlowItem => {
      const ops: DrawOp[] = [];
      const label = labels[i];
      const value = values[i];
      if (label) ops.push(placeLine(label, LEFT, labelWidth, 0, 'left', BODY, measure));
      if (value) ops.push(placeLine(value, valueLeft, valueWidth, 0, 'left', valueStyle, measure));
      return { height: LINE, ops, group };
    });
  });
}

function layoutList(block: PdfListBlock, measure: MeasureText): FlowItem[] {
  const markers = block.items.map((_, i) => (block.style === 'numbered' ? `${i + 1}.` : '-'));
  const indent = 12;
  const markerWidth = Math.max(0, ...markers.map((m) => measure(m, 'regular', SIZE.body))) + 6;
  const textLeft = LEFT + indent + markerWidth;
  const textWidth = CONTENT_WIDTH - indent - markerWidth;
  return block.items.flatMap((item, index) => {
    const group = Symbol('list-item');
    return wrapStyled(item, textWidth, BODY, measure).map((line, i): FlowItem => {
      const ops: DrawOp[] = [];
      if (i === 0) ops.push(placeLine(markers[index]!, LEFT + indent, markerWidth - 6, 0, block.style === 'numbered' ? 'right' : 'center', BODY, measure));
      if (line) ops.push(placeLine(line, textLeft, textWidth, 0, 'left', BODY, measure));
      return { height: LINE, ops, group };
    });
  });
}

interface TableGrid {
  lefts: readonly number[];
  widths: readonly number[];
  aligns: readonly PdfAlign[];
}

function tableGrid(block: PdfTableBlock): TableGrid {
  const weights = block.columns.map((c) => (c.width > 0 ? c.width : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (CONTENT_WIDTH * w) / total);
  const lefts = widths.map((_, j) => LEFT + widths.slice(0, j).reduce((a, b) => a + b, 0));
  return { lefts, widths, aligns: block.columns.map((c) => c.align ?? 'left') };
}

/**
 * One table row as one item per text line, so a row taller than a page can still break;
 * the row's items share a group, so rows that fit are never split.
 */
function tableRowItems(cells: readonly string[], grid: TableGrid, style: TextStyle, isHeader: boolean, measure: MeasureText): FlowItem[] {
  const columnLines = grid.widths.map((w, j) => wrapStyled(cells[j] ?? '', w - 2 * CELL_PADDING, style, measure));
  const count = Math.max(1, ...columnLines.map((l) => l.length));
  const tableLeft = grid.lefts[0] ?? LEFT;
  const tableRight = tableLeft + grid.widths.reduce((a, b) => a + b, 0);
  const edges = [...grid.lefts, tableRight];
  const group = Symbol('table-row');
  return Array.from({ length: count }, (_, i): FlowItem => {
    const top = i === 0 ? CELL_PADDING : 0;
    const height = LINE + top + (i === count - 1 ? CELL_PADDING : 0);
    const ops: DrawOp[] = edges.map((x) => ({ kind: 'line', x1: x, y1: 0, x2: x, y2: height, thickness: RULE }));
    if (i === 0 && isHeader) ops.push({ kind: 'line', x1: tableLeft, y1: 0, x2: tableRight, y2: 0, thickness: RULE });
    if (i === count - 1) ops.push({ kind: 'line', x1: tableLeft, y1: height, x2: tableRight, y2: height, thickness: RULE });
    grid.widths.forEach((w, j) => {
      const line = columnLines[j]?.[i];
      const align = isHeader ? 'center' : (grid.aligns[j] ?? 'left');
      if (line) ops.push(placeLine(line, grid.lefts[j]! + CELL_PADDING, w - 2 * CELL_PADDING, top, align, style, measure));
    });
    return { height, ops, group };
  });
}

function layoutTable(block: PdfTableBlock, measure: MeasureText): FlowItem[] {
  const grid = tableGrid(block);
  const header = tableRowItems(
    block.columns.map((c) => c.header),
    grid,
    BODY_BOLD,
    true,
    measure,
  );
  header[header.length - 1] = { ...header[header.length - 1]!, keepWithNext: block.rows.length > 0 };
  const body = block.rows.flatMap((row) => tableRowItems(row, grid, BODY, false, measure).map((item) => ({ ...item, repeatHeader: header })));
  return [...header, ...body];
}

/** Flow items of one content block, with the space that separates it from the next. */
export function layoutBlock(block: PdfBlock, measure: MeasureText): FlowItem[] {
  switch (block.kind) {
    case 'paragraph':
      return padBottom(layoutParagraph(block, measure), BLOCK_GAP);
    case 'heading':
      return padBottom(layoutParagraph({ kind: 'paragraph', text: block.text, bold: true, keepWithNext: true }, measure), BLOCK_GAP);
    case 'fields':
      return padBottom(layoutFields(block, measure), BLOCK_GAP);
    case 'list':
      return padBottom(layoutList(block, measure), BLOCK_GAP);
    case 'table':
      return padBottom(layoutTable(block, measure), BLOCK_GAP + 2);
    case 'spacer':
      return [{ height: Math.max(0, block.height ?? LINE), ops: [] }];
  }
}
