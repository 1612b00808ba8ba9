/** The kernel's intermediate form: positioned drawing operations, measured in points. */

export type FontFace = 'regular' | 'bold';

/** Width of `text` in points when drawn in `face` at `size`. */
export type MeasureText = (text: string, face: FontFace, size: number) => number;

/** y runs top-down from the top edge of the page (or of a flow item); text y is the baseline. */
export type DrawOp =
  | { kind: 'text'; x: number; y: number; text: string; face: FontFace; size: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number };

/**
 * A slice of content that the page flow places whole. Consecutive items sharing `group` stay on
 * one page when they fit on one; `keepWithNext` pulls the next item (or group) along;
 * `repeatHeader` is placed first when a page break falls just before this item.
 */
export interface FlowItem {
  height: number;
  ops: readonly DrawOp[];
  group?: symbol;
  keepWithNext?: boolean;
  repeatHeader?: readonly FlowItem[];
}

const MM = 72 / 25.4;

/**
 * A4 portrait. Margins follow the administrative-document format of Nghị định 30/2020/NĐ-CP
 * (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm), so printed forms can be filed.
 */
export const PAGE = Object.freeze({
  width: 595.28,
  height: 841.89,
  marginTop: 20 * MM,
  marginBottom: 15 * MM,
  marginLeft: 30 * MM,
  marginRight: 20 * MM,
});

export const CONTENT_WIDTH = PAGE.width - PAGE.marginLeft - PAGE.marginRight;

export const SIZE = Object.freeze({
  body: 11,
  header: 11,
  title: 13,
  reference: 9,
  footer: 8,
});

/** Line height for a font size: 1.4 em leaves room for Vietnamese stacked marks (ẫ, ỗ, Ự). */
export const lineHeight = (size: number) => size * 1.4;

/** Baseline below the top of a line box, centring the face's 0.94 em ascent and 0.24 em descent. */
export const baselineOffset = (size: number) => size * 1.05;
