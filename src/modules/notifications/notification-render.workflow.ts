import type { CodePurpose, MessageLocale, PasswordChanged, RenderedMessage, VerificationCodeIssued } from './notification.types.ts';

// Pure rendering of the portal's messages: no I/O, no clock. Times are shown in Vietnam's time
// zone whatever the server's, because that is the clock the citizen reads them against.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

interface Copy {
  readonly portal: string;
  readonly purpose: Readonly<Record<CodePurpose, string>>;
  readonly codeSubject: (purpose: string) => string;
  readonly codeLines: (purpose: string, code: string, until: string) => readonly string[];
  readonly codeSms: (purpose: string, code: string, until: string) => string;
  readonly passwordSubject: string;
  readonly passwordLines: readonly string[];
  readonly passwordSms: string;
  readonly timeZoneNote: string;
}

const COPY: Readonly<Record<MessageLocale, Copy>> = {
  vi: {
    portal: 'Cổng Dịch vụ công',
    purpose: {
      register: 'đăng ký tài khoản',
      password_reset: 'đặt lại mật khẩu',
      contact_change: 'xác nhận thông tin liên hệ mới',
      login: 'đăng nhập',
    },
    codeSubject: (purpose) => `Mã xác minh ${purpose} – Cổng Dịch vụ công`,
    codeLines: (purpose, code, until) => [
      'Xin chào,',
      `Mã xác minh để ${purpose} trên Cổng Dịch vụ công là:`,
      code,
      `Mã có hiệu lực đến ${until}.`,
      'Không chia sẻ mã này với bất kỳ ai, kể cả người tự xưng là cán bộ.',
      'Nếu bạn không yêu cầu mã này, hãy bỏ qua thư này.',
    ],
    codeSms: (purpose, code, until) => `Ma xac minh ${purpose} Cong Dich vu cong: ${code}. Hieu luc den ${until}. Khong chia se ma nay voi bat ky ai.`,
    passwordSubject: 'Mật khẩu của bạn vừa được thay đổi – Cổng Dịch vụ công',
    passwordLines: [
      'Xin chào,',
      'Mật khẩu tài khoản Cổng Dịch vụ công của bạn vừa được thay đổi.',
      'Nếu bạn không thực hiện việc này, hãy đặt lại mật khẩu ngay và đăng xuất khỏi mọi thiết bị.',
    ],
    passwordSms: 'Mat khau tai khoan Cong Dich vu cong cua ban vua duoc thay doi. Neu khong phai ban, hay dat lai mat khau ngay.',
    timeZoneNote: 'giờ Việt Nam',
  },
  en: {
    portal: 'Public Service Portal',
    purpose: {
      register: 'account registration',
      password_reset: 'password reset',
      contact_change: 'confirming your new contact details',
      login: 'signing in',
    },
    codeSubject: (purpose) => `Your code for ${purpose} – Public Service Portal`,
    codeLines: (purpose, code, until) => [
      'Hello,',
      `Your verification code for ${purpose} on the Public Service Portal is:`,
      code,
      `The code is valid until ${until}.`,
      'Do not share this code with anyone, even someone who says they are an official.',
      'If you did not ask for this code, you can ignore this e-mail.',
    ],
    codeSms: (purpose, code, until) => `Public Service Portal code for ${purpose}: ${code}. Valid until ${until}. Never share this code.`,
    passwordSubject: 'Your password was changed – Public Service Portal',
    passwordLines: [
      'Hello,',
      'The password of your Public Service Portal account was just changed.',
      'If this was not you, reset your password now and sign out of every device.',
    ],
    passwordSms: 'The password of your Public Service Portal account was changed. If this was not you, reset it now.',
    timeZoneNote: 'Vietnam time',
  },
};

/** Renders the message carrying a one-time verification code. */
export function renderVerificationCode(event: VerificationCodeIssued): RenderedMessage {
  const copy = COPY[event.locale];
  const purpose = copy.purpose[event.purpose];
  const expiresAt = new Date(event.expiresAt);
  const base = { channel: event.channel, recipient: event.to, locale: event.locale, expiresAt };
  if (event.channel === 'sms') {
    return { ...base, subject: null, html: null, text: toSmsText(copy.codeSms(purpose, event.code, formatTime(expiresAt, event.locale, false))) };
  }
  const until = `${formatTime(expiresAt, event.locale, true)} (${copy.timeZoneNote})`;
  const lines = copy.codeLines(purpose, event.code, until);
  const subject = copy.codeSubject(purpose);
  return { ...base, subject, text: lines.join('\n\n'), html: renderHtml(event.locale, subject, lines, 2) };
}

/** Renders the warning sent after a password change. */
export function renderPasswordChanged(event: PasswordChanged): RenderedMessage {
  const copy = COPY[event.locale];
  const base = { channel: event.channel, recipient: event.to, locale: event.locale, expiresAt: null };
  if (event.channel === 'sms') return { ...base, subject: null, html: null, text: toSmsText(copy.passwordSms) };
  const lines = copy.passwordLines;
  return { ...base, subject: copy.passwordSubject, text: lines.join('\n\n'), html: renderHtml(event.locale, copy.passwordSubject, lines, -1) };
}

/** "10:15 14/03/2026" (or "10:15") in Vietnam's time zone. */
export function formatTime(at: Date, locale: MessageLocale, withDate: boolean): string {
  const parts = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}`;
  return withDate ? `${time} ${part('day')}/${part('month')}/${part('year')}` : time;
}

// The GSM 03.38 default alphabet (basic set, escape-table characters excluded). A message that
// fits it travels as 7-bit, 160 characters a segment; one Vietnamese diacritic forces UCS-2 and
// 70 a segment, which is why SMS are written without diacritics, as Vietnamese SMS usually are.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Whether a text travels in the GSM 7-bit alphabet. */
export function isGsm7(text: string): boolean {
  return [...text].every((ch) => GSM7.has(ch));
}

/** SMS text: diacritics removed (đ → d), so it stays GSM 7-bit. */
export function toSmsText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[–—]/g, '-').normalize('NFC');
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A plain HTML e-mail: one paragraph a line; the line at `emphasise` (the code) set large. */
function renderHtml(locale: MessageLocale, subject: string, lines: readonly string[], emphasise: number): string {
  const body = lines
    .map((line, i) =>
      i === emphasise
        ? `<p style="font-size:28px;font-weight:bold;letter-spacing:4px">${escapeHtml(line)}</p>`
        : `<p>${escapeHtml(line)}</p>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">',
    body,
    `<p style="color:#505a5f;font-size:14px">${escapeHtml(COPY[locale].portal)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
