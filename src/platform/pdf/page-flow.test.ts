import { describe, expect, it } from 'vitest';
import type { DrawOp, FlowItem } from './layout.types.ts';
import { flowPages } from './page-flow.ts';

const frame = { top: 0, bottom: 100 };
const text = (label: string): DrawOp => ({ kind: 'text', x: 0, y: 0, text: label, face: 'regular', size: 10 });
const item = (label: string, height = 10, extra: Partial<FlowItem> = {}): FlowItem => ({ height, ops: [text(label)], ...extra });
const labels = (pages: DrawOp[][]) => pages.map((ops) => ops.map((op) => (op.kind === 'text' ? op.text : '|')));

describe('flowPages', () => {
  it('always returns at least one page', () => {
    expect(flowPages([], frame)).toEqual([[]]);
  });

  it('places items top to bottom and breaks when the next one does not fit', () => {
    const pages = flowPages(Array.from({ length: 12 }, (_, i) => item(`l${i}`)), frame);
    expect(labels(pages)).toEqual([Array.from({ length: 10 }, (_, i) => `l${i}`), ['l10', 'l11']]);
    const second = pages[1]![1]!;
    expect(second.kind === 'text' && second.y).toBe(10);
  });

  it('moves a whole group to the next page when it does not fit on this one', () => {
    const group = Symbol('g');
    const items = [item('a', 85), item('b1', 10, { group }), item('b2', 10, { group })];
    expect(labels(flowPages(items, frame))).toEqual([['a'], ['b1', 'b2']]);
  });

  it('splits a group that is taller than a page instead of looping', () => {
    const group = Symbol('g');
    const items = Array.from({ length: 15 }, (_, i) => item(`r${i}`, 10, { group }));
    expect(flowPages(items, frame).map((p) => p.length)).toEqual([10, 5]);
  });

  it('keeps an item with the one after it', () => {
    const items = [item('a', 85), item('heading', 10, { keepWithNext: true }), item('body', 10)];
    expect(labels(flowPages(items, frame))).toEqual([['a'], ['heading', 'body']]);
  });

  it('repeats a header before an item that starts a new page', () => {
    const header = [item('H', 10)];
    const rows = Array.from({ length: 12 }, (_, i) => item(`r${i}`, 10, { repeatHeader: header }));
    const pages = labels(flowPages([...header, ...rows], frame));
    expect(pages[0]![0]).toBe('H');
    expect(pages[1]!.slice(0, 2)).toEqual(['H', 'r9']);
  });
});
