/** Places flow items top to bottom, breaking pages where items, groups and their followers fit. */
import type { DrawOp, FlowItem } from './layout.types.ts';

/** The vertical band of a page that content may occupy, top-down in points. */
export interface FlowFrame {
  top: number;
  bottom: number;
}

/** Index one past the last item of the group that starts at `start`, or `start + 1`. */
function groupEnd(items: readonly FlowItem[], start: number): number {
  const group = items[start]?.group;
  let end = start + 1;
  if (group === undefined) return end;
  while (end < items.length && items[end]!.group === group) end += 1;
  return end;
}

const heightOf = (items: readonly FlowItem[], from: number, to: number) => items.slice(from, to).reduce((sum, item) => sum + item.height, 0);

/**
 * Height that must be free before placing item `start`: its whole group when the group starts
 * here and fits on a page, plus what `keepWithNext` chains to it, as long as that still fits.
 */
function requiredHeight(items: readonly FlowItem[], start: number, pageHeight: number): number {
  const startsGroup = start === 0 || items[start - 1]!.group !== items[start]!.group || items[start]!.group === undefined;
  let end = startsGroup ? groupEnd(items, start) : start + 1;
  let needed = heightOf(items, start, end);
  if (needed > pageHeight) {
    end = start + 1;
    needed = items[start]!.height;
  }
  if (items[end - 1]!.keepWithNext && end < items.length) {
    const more = requiredHeight(items, end, pageHeight);
    if (needed + more <= pageHeight) needed += more;
  }
  return needed;
}

function shift(ops: readonly DrawOp[], dy: number): DrawOp[] {
  return ops.map((op) => (op.kind === 'text' ? { ...op, y: op.y + dy } : { ...op, y1: op.y1 + dy, y2: op.y2 + dy }));
}

/** Pages of positioned drawing operations; there is always at least one page. */
export function flowPages(items: readonly FlowItem[], frame: FlowFrame): DrawOp[][] {
  const pageHeight = frame.bottom - frame.top;
  const pages: DrawOp[][] = [[]];
  let cursor = frame.top;
  const place = (item: FlowItem) => {
    pages[pages.length - 1]!.push(...shift(item.ops, cursor));
    cursor += item.height;
  };
  items.forEach((item, i) => {
    const needed = requiredHeight(items, i, pageHeight);
    if (cursor > frame.top && cursor + needed > frame.bottom) {
      pages.push([]);
      cursor = frame.top;
      item.repeatHeader?.forEach(place);
    }
    place(item);
  });
  return pages;
}
