// The "Cách thức thực hiện" table: Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả, flattened
// without cell separators. A row starts where a channel name is glued to the next cell (a digit,
// a capital or a bracket); inside descriptions the names are followed by ":" or a space.

import type { ChannelKind, DurationUnit, ParseWarning, ProcedureChannel } from './procedure.types.ts';
import { parseFeeCell } from './procedure-fees.parser.ts';
import { clean, cleanOrNull, closingParen, isNoInfo, NO_INFO, warn } from './procedure-text.ts';

const FIELD = 'cach_thuc_thuc_hien';
const HEADER = /^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả/u;
const ROW_START = /(Dịch vụ bưu chính|Trực tuyến|Trực tiếp)(?=[\d\p{Lu}(])/gu;
const HAS_ROW_START = new RegExp(ROW_START.source, 'u');
const CHANNEL: Record<string, ChannelKind> = {
  'Dịch vụ bưu chính': 'postal',
  'Trực tuyến': 'online',
  'Trực tiếp': 'in_person',
};
const UNIT: Record<string, DurationUnit> = {
  'ngày làm việc': 'working_days',
  ngày: 'days',
  giờ: 'hours',
  tháng: 'months',
};
const AMOUNT_HEAD = String.raw`\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|VND|USD|đồng)`;
const FEE_HEAD = new RegExp(String.raw`^(?:Miễn phí|${NO_INFO}|${AMOUNT_HEAD})`, 'u');
const UNIT_DURATION = /^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng)/iu;
const WORD_DURATION = new RegExp(`^(?:${NO_INFO}|Không quy định)`, 'u');

interface DurationCell {
  text: string | null;
  value: { value: number; unit: DurationUnit } | null;
  rest: string;
}

/** The time cell, which is glued to the fee cell that follows it. */
function splitDuration(row: string, sink: ParseWarning[]): DurationCell | null {
  const unit = UNIT_DURATION.exec(row);
  if (unit && FEE_HEAD.test(row.slice(unit[0].length))) {
    const value = Number((unit[1] ?? '').replace(',', '.'));
    const key = (unit[2] ?? '').toLowerCase();
    return { text: clean(unit[0]), value: { value, unit: UNIT[key] ?? 'days' }, rest: row.slice(unit[0].length) };
  }
  const word = WORD_DURATION.exec(row);
  if (word && FEE_HEAD.test(row.slice(word[0].length))) {
    return { text: cleanOrNull(word[0]), value: null, rest: row.slice(word[0].length) };
  }
  const bare = /^\d+/u.exec(row);
  if (bare) return splitBareNumber(bare[0], row, sink);
  const free = new RegExp(String.raw`^(.{1,300}?)(?=Miễn phí|${NO_INFO}|${AMOUNT_HEAD})`, 'su').exec(row);
  if (!free || HAS_ROW_START.test(free[1] ?? '')) return null;
  warn(sink, FIELD, 'duration_free_text', free[1] ?? '');
  return { text: cleanOrNull(free[1]), value: null, rest: row.slice((free[1] ?? '').length) };
}

/**
 * "1Miễn phí", "120 VNĐ": the unit was lost, and when the fee is an amount its digits run on
 * from the duration's. The shortest duration that leaves an amount without a leading zero wins.
 */
function splitBareNumber(digits: string, row: string, sink: ParseWarning[]): DurationCell | null {
  const after = row.slice(digits.length);
  let cut = digits.length;
  if (!FEE_HEAD.test(after)) {
    cut = [...digits].findIndex((d, i) => i > 0 && (d !== '0' || i === digits.length - 1));
    if (cut <= 0 || !FEE_HEAD.test(row.slice(cut))) return null;
    warn(sink, FIELD, 'duration_fee_digits_split', row.slice(0, 40));
  }
  const text = digits.slice(0, cut);
  warn(sink, FIELD, 'duration_unit_missing', text);
  return { text, value: null, rest: row.slice(cut) };
}

/** Fee cell = headline + optional "(note)"; an unbalanced note runs to its last ")". */
function splitFee(rest: string, sink: ParseWarning[]): { fee: string; description: string } {
  const head = FEE_HEAD.exec(rest);
  let end = head ? head[0].length : 0;
  if (rest[end] === '(') {
    const close = closingParen(rest, end);
    if (close > 0) end = close;
    else {
      const last = rest.lastIndexOf(')');
      end = last > end ? last + 1 : rest.length;
      warn(sink, FIELD, 'fee_note_unbalanced', rest.slice(0, end));
    }
  }
  return { fee: rest.slice(0, end), description: rest.slice(end) };
}

function parseRow(kind: ChannelKind, row: string, sink: ParseWarning[]): ProcedureChannel {
  const duration = splitDuration(row, sink);
  if (!duration) {
    warn(sink, FIELD, 'channel_row_unparsed', row);
    return {
      channel: kind, duration: null, durationText: null, feeText: null,
      feeAmountVnd: null, fees: [], description: cleanOrNull(row),
    };
  }
  const { fee, description } = splitFee(duration.rest, sink);
  const feeText = isNoInfo(fee) ? null : clean(fee);
  const { feeAmountVnd, fees } = parseFeeCell(feeText, sink);
  return {
    channel: kind,
    duration: duration.value,
    durationText: duration.text,
    feeText,
    feeAmountVnd,
    fees,
    description: cleanOrNull(description),
  };
}

/** Channel names glued to a capital also occur in descriptions; a row must parse to count. */
function rowStarts(body: string): Array<{ index: number; kind: ChannelKind; cellsAt: number }> {
  const out: Array<{ index: number; kind: ChannelKind; cellsAt: number }> = [];
  for (const m of body.matchAll(ROW_START)) {
    const name = m[1] ?? '';
    const cellsAt = m.index + name.length;
    if (splitDuration(body.slice(cellsAt), []) === null) continue;
    out.push({ index: m.index, kind: CHANNEL[name] ?? 'in_person', cellsAt });
  }
  return out;
}

export function parseChannels(cell: string, sink: ParseWarning[]): ProcedureChannel[] {
  const text = cell.normalize('NFC');
  if (isNoInfo(text)) return [];
  const header = HEADER.exec(text);
  if (!header) warn(sink, FIELD, 'table_header_missing', text);
  const body = header ? text.slice(header[0].length) : text;
  const starts = rowStarts(body);
  const lead = body.slice(0, starts[0] ? starts[0].index : body.length);
  if (!isNoInfo(lead)) warn(sink, FIELD, 'unparsed_remainder', lead);
  return starts.map((start, i) => {
    const next = starts[i + 1];
    return parseRow(start.kind, body.slice(start.cellsAt, next ? next.index : body.length), sink);
  });
}
