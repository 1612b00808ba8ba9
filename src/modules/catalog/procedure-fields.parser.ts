// The free-text and list cells of a procedure record (everything that is not a flattened table).

import type { LevelKind, ParseWarning } from './procedure.types.ts';
import { clean, isNoInfo, listCell, warn } from './procedure-text.ts';

const LEVELS: Record<string, LevelKind> = { 'cấp bộ': 'ministry', 'cấp tỉnh': 'province', 'cấp xã': 'commune' };

export function parseLevels(cell: string): { levels: LevelKind[]; levelsText: string[] } {
  const levelsText = listCell(cell);
  const levels = levelsText.map((t) => LEVELS[t.toLowerCase()] ?? 'other');
  return { levels: [...new Set(levels)], levelsText };
}

// "4864/QĐ-BCA-C06", "226/QĐ-UBND", "1474/QĐ-TTg"; not "QĐ/0001-BCA", "Demo/QĐ-BCA", "1681".
const DECISION = /^\d+\/QĐ-[\p{Lu}\d][\p{L}\d]*(?:-[\p{L}\d]+)*$/u;

export function parseDecision(cell: string): { decisionNo: string | null; decisionNoIrregular: boolean } {
  if (isNoInfo(cell)) return { decisionNo: null, decisionNoIrregular: false };
  const decisionNo = clean(cell);
  return { decisionNo, decisionNoIrregular: !DECISION.test(decisionNo) };
}

/** Indexes of "Bước N:" markers that number the steps 1, 2, 3… at a line or sentence start. */
function stepMarkers(text: string): number[] {
  const marks: number[] = [];
  let expected = 1;
  for (const m of text.matchAll(/(?<=^|[\s.;:)])Bước\s*(\d+)\s*[:.]/gu)) {
    if (Number(m[1]) !== expected) continue;
    marks.push(m.index);
    expected += 1;
  }
  return marks;
}

function splitAt(text: string, marks: number[]): string[] {
  const bounds = [0, ...marks, text.length];
  return bounds
    .slice(0, -1)
    .map((b, i) => clean(text.slice(b, bounds[i + 1])))
    .filter((s) => s !== '');
}

/** Steps split on "Bước N:", else on "a)", "b)"… items, else on lines; no text is dropped. */
export function parseSteps(cell: string): string[] {
  const text = cell.normalize('NFC');
  if (isNoInfo(text)) return [];
  const marks = stepMarkers(text);
  if (marks.length >= 2 || (marks.length === 1 && marks[0] === 0)) return splitAt(text, marks);
  const lettered = [...text.matchAll(/(?<=^|\n)\s*[a-zđ]\)\s/gu)].map((m) => m.index);
  if (lettered.length >= 2) return splitAt(text, lettered.filter((i) => i > 0));
  return text.split(/\n+/u).map(clean).filter((s) => s !== '');
}

/**
 * Addresses are "+" bulleted or one per line; commas belong to the addresses themselves and
 * " - " joins an agency to its ministry ("Cục Quản lý xuất nhập cảnh - Bộ Công an").
 */
export function parseAddresses(cell: string): string[] {
  if (isNoInfo(cell)) return [];
  return cell
    .normalize('NFC')
    .split(/\n+|(?:^|\s)[+•]\s*(?=\S)/u)
    .map((s) => clean(s).replace(/^[-*]\s+/u, '').replace(/[;,]$/u, '').trim())
    .filter((s) => s !== '' && !isNoInfo(s));
}

/**
 * "#Tên thủ tục1<name>#1Tên thủ tục<name>": a numbered table, then the same rows again in the
 * page's narrow-screen layout. Only the first copy is read.
 */
export function parseRelated(cell: string, sink: ParseWarning[]): string[] {
  const text = cell.normalize('NFC');
  if (isNoInfo(text)) return [];
  if (!text.startsWith('#Tên thủ tục')) {
    warn(sink, 'thu_tuc_lien_quan', 'unrecognised_layout', text);
    return text.split(/\n+|;/u).map(clean).filter((s) => s !== '');
  }
  const body = text.slice('#Tên thủ tục'.length).split(/#\d+Tên thủ tục/u)[0] ?? '';
  return body
    .split(/(?:^|(?<=[^\d\s]))\d+(?=\p{Lu})/u)
    .map(clean)
    .filter((s) => s !== '');
}
