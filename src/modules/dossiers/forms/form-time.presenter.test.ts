import { describe, expect, it } from 'vitest';
import { formatPlaceAndDate, formatVietnameseDate, formatVietnameseDateTime, toInstant, toVietnamClock } from './form-time.presenter.ts';

describe('formatVietnameseDateTime', () => {
  it('prints hours, minutes and the date in words', () => {
    expect(formatVietnameseDateTime('2026-11-22T15:30:00+07:00')).toBe('15 giờ 30 phút, ngày 22 tháng 11 năm 2026');
  });

  it('converts other offsets to Vietnam time, across midnight and the new year', () => {
    expect(formatVietnameseDateTime('2026-11-22T08:30:00Z')).toBe('15 giờ 30 phút, ngày 22 tháng 11 năm 2026');
    expect(formatVietnameseDateTime('2026-12-31T20:05:00.250Z')).toBe('03 giờ 05 phút, ngày 01 tháng 01 năm 2027');
    expect(formatVietnameseDateTime('2026-03-01T00:00-05:00')).toBe('12 giờ 00 phút, ngày 01 tháng 3 năm 2026');
  });

  it('pads days below 10 and the months 1 and 2, and no other month', () => {
    expect(formatVietnameseDate('2026-02-05T09:00:00+07:00')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatVietnameseDate('2026-01-10T09:00:00+07:00')).toBe('ngày 10 tháng 01 năm 2026');
    expect(formatVietnameseDate('2026-09-09T09:00:00+07:00')).toBe('ngày 09 tháng 9 năm 2026');
    expect(formatVietnameseDate('2026-12-31T09:00:00+07:00', { sentenceStart: true })).toBe('Ngày 31 tháng 12 năm 2026');
  });

  it('rejects times without an offset and impossible dates', () => {
    for (const bad of ['2026-11-22T15:30:00', '2026-11-22', 'hôm nay', '2026-02-30T10:00:00+07:00', '2026-11-22T24:00:00+07:00', '2026-11-22T10:60:00+07:00']) {
      expect(() => formatVietnameseDateTime(bad), bad).toThrow(RangeError);
    }
  });
});

describe('formatPlaceAndDate', () => {
  it('joins an NFC place name and the date', () => {
    expect(formatPlaceAndDate(' Ba Đình'.normalize('NFD'), '2026-11-22T23:59:00+07:00')).toBe('Ba Đình, ngày 22 tháng 11 năm 2026'.normalize('NFC'));
  });
});

describe('toVietnamClock and toInstant', () => {
  it('agree on the instant', () => {
    expect(toVietnamClock('2026-06-30T17:00:00Z')).toEqual({ year: 2026, month: 7, day: 1, hour: 0, minute: 0 });
    expect(toInstant('2026-11-22T15:30:00+07:00').toISOString()).toBe('2026-11-22T08:30:00.000Z');
  });
});
