/** Times and dates on the citizen's pages, always in Vietnam time, in the page's language. */
import type { Locale } from '../../../../platform/i18n/i18n.ts';
import { formatVietnameseDateTime, toVietnamClock } from '../../forms/form-time.presenter.ts';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

/** "10 giờ 00 phút, ngày 04 tháng 12 năm 2026" / "10:00 on 4 December 2026": an appointment, in full. */
export function formatLongTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  if (locale === 'vi') return formatVietnameseDateTime(iso);
  const c = toVietnamClock(iso);
  return `${two(c.hour)}:${two(c.minute)} on ${c.day} ${MONTHS_EN[c.month - 1]} ${c.year}`;
}

/** "04/12/2026 10:00" / "4 Dec 2026, 10:00": a time in a table or a timeline. */
export function formatShortTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const c = toVietnamClock(iso);
  if (locale === 'vi') return `${two(c.day)}/${two(c.month)}/${c.year} ${two(c.hour)}:${two(c.minute)}`;
  return `${c.day} ${MONTHS_EN[c.month - 1]!.slice(0, 3)} ${c.year}, ${two(c.hour)}:${two(c.minute)}`;
}

/** A date answer "2026-12-04" as "04/12/2026" / "4 December 2026"; anything else as it is. */
export function formatAnswerDate(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, m, d] = match;
  return locale === 'vi' ? `${d}/${m}/${y}` : `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
}
