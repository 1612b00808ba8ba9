import { describe, expect, it } from 'vitest';
import { formatTime, isGsm7, renderPasswordChanged, renderVerificationCode, toSmsText } from './notification-render.workflow.ts';
import { CODE_PURPOSES, type VerificationCodeIssued } from './notification.types.ts';

// 03:15 UTC is 10:15 in Hà Nội (UTC+7, no daylight saving).
const buildCodeEvent = (overrides: Partial<VerificationCodeIssued> = {}): VerificationCodeIssued => ({
  channel: 'email',
  to: 'an.nguyen@example.vn',
  code: '482913',
  purpose: 'register',
  locale: 'vi',
  expiresAt: '2026-03-14T03:15:00.000Z',
  ...overrides,
});

describe('verification code messages', () => {
  it('renders a Vietnamese e-mail: subject by purpose, the code, the expiry in Vietnam time, text and HTML', () => {
    const m = renderVerificationCode(buildCodeEvent());
    expect(m).toMatchObject({ channel: 'email', recipient: 'an.nguyen@example.vn', locale: 'vi' });
    expect(m.subject).toBe('Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công');
    expect(m.text).toContain('482913');
    expect(m.text).toContain('Mã có hiệu lực đến 10:15 14/03/2026 (giờ Việt Nam).');
    expect(m.text).toContain('Không chia sẻ mã này');
    expect(m.html).toContain('<html lang="vi">');
    expect(m.html).toMatch(/<p style="[^"]+">482913<\/p>/);
    expect(m.expiresAt?.toISOString()).toBe('2026-03-14T03:15:00.000Z');
    expect(m.text).toBe(m.text.normalize('NFC'));
  });

  it('renders English with the English purpose', () => {
    const m = renderVerificationCode(buildCodeEvent({ locale: 'en', purpose: 'password_reset' }));
    expect(m.subject).toBe('Your code for password reset – Public Service Portal');
    expect(m.text).toContain('valid until 10:15 14/03/2026 (Vietnam time)');
    expect(m.html).toContain('<html lang="en">');
  });

  it('escapes what it puts into HTML', () => {
    const m = renderVerificationCode(buildCodeEvent());
    expect(m.html).not.toMatch(/<(?!\/?(p|html|head|meta|title|body)\b|!doctype)/);
    expect(m.html).toContain('<title>Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công</title>');
  });

  it('keeps every SMS in one 7-bit segment (≤ 160 GSM characters), without diacritics', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const purpose of CODE_PURPOSES) {
        const m = renderVerificationCode(buildCodeEvent({ channel: 'sms', to: '0912345678', locale, purpose }));
        expect(m.subject).toBeNull();
        expect(m.html).toBeNull();
        expect(m.text).toContain('482913');
        expect(m.text).toContain('10:15');
        expect(isGsm7(m.text), m.text).toBe(true);
        expect(m.text.length, m.text).toBeLessThanOrEqual(160);
      }
    }
    expect(renderVerificationCode(buildCodeEvent({ channel: 'sms' })).text).toBe(
      'Ma xac minh dang ky tai khoan Cong Dich vu cong: 482913. Hieu luc den 10:15. Khong chia se ma nay voi bat ky ai.',
    );
  });
});

describe('password changed messages', () => {
  it('renders an e-mail and an SMS in both languages, with no expiry', () => {
    for (const locale of ['vi', 'en'] as const) {
      const email = renderPasswordChanged({ channel: 'email', to: 'a@example.vn', locale });
      expect(email.subject).toMatch(locale === 'vi' ? /^Mật khẩu của bạn vừa được thay đổi/ : /^Your password was changed/);
      expect(email.html).toContain(`<html lang="${locale}">`);
      expect(email.expiresAt).toBeNull();
      const sms = renderPasswordChanged({ channel: 'sms', to: '0912345678', locale });
      expect(isGsm7(sms.text)).toBe(true);
      expect(sms.text.length).toBeLessThanOrEqual(160);
    }
  });
});

describe('SMS text and time', () => {
  it('removes Vietnamese diacritics, đ and Đ included, and knows the GSM alphabet', () => {
    expect(toSmsText('Đặt lại mật khẩu – đăng nhập')).toBe('Dat lai mat khau - dang nhap');
    expect(isGsm7('Ma xac minh: 123456.')).toBe(true);
    expect(isGsm7('Mã xác minh')).toBe(false);
    expect(isGsm7('price €5')).toBe(false);
  });

  it('shows times in Vietnam whatever the server’s zone, across midnight too', () => {
    expect(formatTime(new Date('2026-03-14T17:05:00Z'), 'vi', true)).toBe('00:05 15/03/2026');
    expect(formatTime(new Date('2026-03-14T17:05:00Z'), 'en', false)).toBe('00:05');
  });
});
