/** Vietnamese date and time wording for printed forms, always in Vietnam time (UTC+07:00, no DST). */

const VIETNAM_OFFSET_MINUTES = 7 * 60;
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface VietnamClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * Wall-clock time in Vietnam of an ISO 8601 instant that carries an offset.
 * @throws RangeError when the text is not such an instant or names an impossible date.
 */
export function toVietnamClock(iso: string): VietnamClock {
  const match = ISO_WITH_OFFSET.exec(iso.trim());
  if (!match) throw new RangeError(`"${iso}" is not an ISO 8601 time with an offset`);
  const [, y, mo, d, h, mi, s = '0', offset] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`"${iso}" is not a real date and time`);
  }
  const sign = offset === 'Z' || offset!.startsWith('+') ? 1 : -1;
  const offsetMinutes = offset === 'Z' ? 0 : sign * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(4, 6)));
  const utc = Date.UTC(year, month - 1, day, hour, minute) - offsetMinutes * 60_000;
  const local = new Date(utc + VIETNAM_OFFSET_MINUTES * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 02 năm 2026", "ngày 22 tháng 11 năm 2026": Nghị định 30/2020/NĐ-CP writes days
 * below 10 and the months 1 and 2 with a leading zero, so no one can add a digit by hand.
 * @throws RangeError
 */
export function formatVietnameseDate(iso: string, options: { sentenceStart?: boolean } = {}): string {
  const { year, month, day } = toVietnamClock(iso);
  return `${options.sentenceStart ? 'Ngày' : 'ngày'} ${two(day)} tháng ${month <= 2 ? two(month) : month} năm ${year}`;
}

/** "15 giờ 30 phút, ngày 22 tháng 11 năm 2026". @throws RangeError */
export function formatVietnameseDateTime(iso: string): string {
  const { hour, minute } = toVietnamClock(iso);
  return `${two(hour)} giờ ${two(minute)} phút, ${formatVietnameseDate(iso)}`;
}

/** "Ba Đình, ngày 22 tháng 11 năm 2026": the place-and-date line of an administrative document. @throws RangeError */
export function formatPlaceAndDate(place: string, iso: string): string {
  return `${place.normalize('NFC').trim()}, ${formatVietnameseDate(iso)}`;
}

/** The instant itself, for PDF metadata. @throws RangeError */
export function toInstant(iso: string): Date {
  toVietnamClock(iso);
  return new Date(iso.trim());
}
