/**
 * Pure rendering of the messages about a dossier's status changes (DOMAIN §3): the e-mail (text and
 * HTML), the SMS (short, without diacritics, with the public lookup) and the inbox text. No I/O, no
 * clock; times in Vietnam's time zone, which is the clock the citizen reads them against.
 */
import type { DossierNotice, DossierNoticeKind, NoticeAudience, NoticeLinks, ReturnMode } from './dossier-notice.types.ts';
import { escapeHtml, formatTime, toSmsText } from './notification-render.workflow.ts';
import type { MessageLocale, RenderedMessage } from './notification.types.ts';

/** What a notice says, before greeting and links: the title (e-mail subject, inbox heading), the body and the SMS. */
export interface NoticeText {
  readonly title: string;
  readonly lines: readonly string[];
  readonly sms: string;
}

type Say = (n: DossierNotice, at: (iso: string | null) => string) => NoticeText;

interface Copy {
  readonly portal: string;
  readonly hello: (name: string) => string;
  readonly viewDossier: (url: string) => string;
  readonly lookup: (url: string) => string;
  readonly smsLookup: (url: string) => string;
  readonly timeNote: string;
  readonly amount: (vnd: number) => string;
  readonly modes: Readonly<Record<ReturnMode, string>>;
  readonly say: Readonly<Record<DossierNoticeKind, Say>>;
}

const code = (n: DossierNotice) => n.code ?? '—';

const VI: Copy = {
  portal: 'Cổng Dịch vụ công',
  hello: (name) => (name ? `Xin chào ${name},` : 'Xin chào,'),
  viewDossier: (url) => `Xem hồ sơ (cần đăng nhập): ${url}`,
  lookup: (url) => `Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số định danh: ${url}`,
  smsLookup: (url) => `Tra cuu: ${url}`,
  timeNote: 'Thời gian ghi theo giờ Việt Nam.',
  amount: (vnd) => `${vnd.toLocaleString('vi-VN')} đồng`,
  modes: { electronic: 'bản điện tử trong kho dữ liệu của bạn', desk: 'tại Bộ phận Một cửa', postal: 'qua dịch vụ bưu chính công ích' },
  say: {
    submitted: (n, at) => ({
      title: `Đã nộp hồ sơ ${code(n)}`,
      lines: [
        `Hồ sơ ${code(n)} (${n.procedureName}) đã được nộp trực tuyến lúc ${at(n.occurredAt)}.`,
        ...(n.dueAt ? [`Thời gian hẹn trả kết quả: ${at(n.dueAt)}.`] : []),
        'Cơ quan giải quyết sẽ kiểm tra hồ sơ. Bạn sẽ được báo khi hồ sơ được tiếp nhận hoặc cần bổ sung.',
      ],
      sms: `Ho so ${code(n)} da duoc nop.${n.dueAt ? ` Hen tra ket qua ${at(n.dueAt)}.` : ''}`,
    }),
    received: (n, at) => ({
      title: `Hồ sơ ${code(n)} đã được tiếp nhận`,
      lines: [
        `Hồ sơ ${code(n)} (${n.procedureName}) đã được tiếp nhận lúc ${at(n.occurredAt)}.`,
        ...(n.dueAt ? [`Thời gian hẹn trả kết quả: ${at(n.dueAt)}.`] : []),
      ],
      sms: `Ho so ${code(n)} da duoc tiep nhan.${n.dueAt ? ` Hen tra ket qua ${at(n.dueAt)}.` : ''}`,
    }),
    supplement_requested: (n, at) => ({
      title: `Hồ sơ ${code(n)} cần bổ sung, hoàn thiện`,
      lines: [
        `Cơ quan giải quyết yêu cầu bổ sung, hoàn thiện hồ sơ ${code(n)} (${n.procedureName}):`,
        ...n.items.map((i) => (i.reason ? `– ${i.name}: ${i.reason}` : `– ${i.name}`)),
        ...(n.note ? [`Ghi chú: ${n.note}`] : []),
        ...(n.supplementDueAt ? [`Hạn bổ sung: ${at(n.supplementDueAt)}.`] : []),
        'Thời gian chờ bổ sung không tính vào thời hạn giải quyết.',
      ],
      sms: `Ho so ${code(n)} can bo sung giay to${n.supplementDueAt ? ` truoc ${at(n.supplementDueAt)}` : ''}. Xem yeu cau tren Cong Dich vu cong.`,
    }),
    refused: (n) => ({
      title: `Hồ sơ ${code(n)} không được tiếp nhận`,
      lines: [`Hồ sơ ${code(n)} (${n.procedureName}) không được tiếp nhận.`, ...(n.reasons ? [`Lý do: ${n.reasons}`] : [])],
      sms: `Ho so ${code(n)} khong duoc tiep nhan. Xem ly do tren Cong Dich vu cong.`,
    }),
    payment_requested: (n) => ({
      title: `Hồ sơ ${code(n)}: yêu cầu thực hiện nghĩa vụ tài chính`,
      lines: [
        `Để tiếp tục giải quyết hồ sơ ${code(n)} (${n.procedureName}), bạn cần thực hiện nghĩa vụ tài chính.`,
        ...(n.amountVnd !== null ? [`Số tiền: ${VI.amount(n.amountVnd)}${n.description ? ` – ${n.description}` : ''}.`] : n.description ? [n.description] : []),
        'Thời hạn giải quyết tạm dừng cho đến khi bạn hoàn thành nghĩa vụ tài chính.',
      ],
      sms: `Ho so ${code(n)}: yeu cau thuc hien nghia vu tai chinh${n.amountVnd !== null ? ` ${n.amountVnd.toLocaleString('vi-VN')} dong` : ''}.`,
    }),
    stopped: (n) => ({
      title: `Hồ sơ ${code(n)} bị dừng giải quyết`,
      lines: [`Cơ quan giải quyết đã dừng giải quyết hồ sơ ${code(n)} (${n.procedureName}).`, ...(n.reasons ? [`Lý do: ${n.reasons}`] : [])],
      sms: `Ho so ${code(n)} bi dung giai quyet. Xem ly do tren Cong Dich vu cong.`,
    }),
    extended: (n, at) => ({
      title: `Hồ sơ ${code(n)}: xin lỗi và hẹn lại ngày trả kết quả`,
      lines: [
        `Cơ quan giải quyết xin lỗi vì hồ sơ ${code(n)} (${n.procedureName}) không thể có kết quả đúng hẹn.`,
        ...(n.reasons ? [`Lý do: ${n.reasons}`] : []),
        ...(n.dueAt ? [`Thời gian hẹn trả kết quả mới: ${at(n.dueAt)}.`] : []),
      ],
      sms: `Ho so ${code(n)} duoc hen lai ngay tra ket qua${n.dueAt ? `: ${at(n.dueAt)}` : ''}. Co quan xin loi vi su cham tre.`,
    }),
    resolved: (n) => ({
      title: `Hồ sơ ${code(n)} đã có kết quả`,
      lines: [`Hồ sơ ${code(n)} (${n.procedureName}) đã được giải quyết xong; kết quả đã sẵn sàng.`, ...(n.resultText ? [`Kết quả: ${n.resultText}`] : [])],
      sms: `Ho so ${code(n)} da co ket qua.`,
    }),
    returned: (n) => ({
      title: `Hồ sơ ${code(n)} đã trả kết quả`,
      lines: [
        `Kết quả hồ sơ ${code(n)} (${n.procedureName}) đã được trả${n.mode ? ` ${VI.modes[n.mode]}` : ''}.`,
        'Mời bạn đánh giá mức độ hài lòng trên trang hồ sơ.',
      ],
      sms: `Ho so ${code(n)} da tra ket qua. Moi ban danh gia muc do hai long tren Cong Dich vu cong.`,
    }),
    withdrawn: (n, at) => ({
      title: `Hồ sơ ${code(n)} đã được rút`,
      lines: [`Hồ sơ ${code(n)} (${n.procedureName}) đã được rút theo yêu cầu lúc ${at(n.occurredAt)}.`, ...(n.reasons ? [`Lý do: ${n.reasons}`] : [])],
      sms: `Ho so ${code(n)} da duoc rut theo yeu cau.`,
    }),
  },
};

const EN: Copy = {
  portal: 'Public Service Portal',
  hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
  viewDossier: (url) => `See the application (sign-in needed): ${url}`,
  lookup: (url) => `Track it with its code and your ID number: ${url}`,
  smsLookup: (url) => `Track: ${url}`,
  timeNote: 'Times are Vietnam time.',
  amount: (vnd) => `${vnd.toLocaleString('en-GB')} dong`,
  modes: { electronic: 'electronically, to your data store', desk: 'at the one-stop desk', postal: 'by public postal service' },
  say: {
    submitted: (n, at) => ({
      title: `Application ${code(n)} submitted`,
      lines: [
        `Application ${code(n)} (${n.procedureName}) was submitted online at ${at(n.occurredAt)}.`,
        ...(n.dueAt ? [`Result expected by: ${at(n.dueAt)}.`] : []),
        'The agency will check it. You will hear from us when it is accepted or if anything is missing.',
      ],
      sms: `Application ${code(n)} submitted.${n.dueAt ? ` Result expected by ${at(n.dueAt)}.` : ''}`,
    }),
    received: (n, at) => ({
      title: `Application ${code(n)} accepted`,
      lines: [`Application ${code(n)} (${n.procedureName}) was accepted at ${at(n.occurredAt)}.`, ...(n.dueAt ? [`Result expected by: ${at(n.dueAt)}.`] : [])],
      sms: `Application ${code(n)} accepted.${n.dueAt ? ` Result expected by ${at(n.dueAt)}.` : ''}`,
    }),
    supplement_requested: (n, at) => ({
      title: `Application ${code(n)}: more documents needed`,
      lines: [
        `The agency needs more for application ${code(n)} (${n.procedureName}):`,
        ...n.items.map((i) => (i.reason ? `– ${i.name}: ${i.reason}` : `– ${i.name}`)),
        ...(n.note ? [`Note: ${n.note}`] : []),
        ...(n.supplementDueAt ? [`Send them by: ${at(n.supplementDueAt)}.`] : []),
        'The time you take does not count against the agency’s time limit.',
      ],
      sms: `Application ${code(n)} needs more documents${n.supplementDueAt ? ` by ${at(n.supplementDueAt)}` : ''}. See the request on the portal.`,
    }),
    refused: (n) => ({
      title: `Application ${code(n)} not accepted`,
      lines: [`Application ${code(n)} (${n.procedureName}) was not accepted.`, ...(n.reasons ? [`Reasons: ${n.reasons}`] : [])],
      sms: `Application ${code(n)} was not accepted. See the reasons on the portal.`,
    }),
    payment_requested: (n) => ({
      title: `Application ${code(n)}: payment needed`,
      lines: [
        `To go on with application ${code(n)} (${n.procedureName}), a payment is needed.`,
        ...(n.amountVnd !== null ? [`Amount: ${EN.amount(n.amountVnd)}${n.description ? ` – ${n.description}` : ''}.`] : n.description ? [n.description] : []),
        'The time limit is paused until the payment is made.',
      ],
      sms: `Application ${code(n)}: payment needed${n.amountVnd !== null ? `, ${n.amountVnd.toLocaleString('en-GB')} dong` : ''}.`,
    }),
    stopped: (n) => ({
      title: `Application ${code(n)}: processing stopped`,
      lines: [`The agency stopped processing application ${code(n)} (${n.procedureName}).`, ...(n.reasons ? [`Reasons: ${n.reasons}`] : [])],
      sms: `Processing of application ${code(n)} was stopped. See the reasons on the portal.`,
    }),
    extended: (n, at) => ({
      title: `Application ${code(n)}: apology and new date`,
      lines: [
        `The agency apologises: application ${code(n)} (${n.procedureName}) cannot be finished on time.`,
        ...(n.reasons ? [`Reason: ${n.reasons}`] : []),
        ...(n.dueAt ? [`New date for the result: ${at(n.dueAt)}.`] : []),
      ],
      sms: `Application ${code(n)}: new date for the result${n.dueAt ? ` ${at(n.dueAt)}` : ''}. The agency apologises for the delay.`,
    }),
    resolved: (n) => ({
      title: `Application ${code(n)}: result ready`,
      lines: [`Application ${code(n)} (${n.procedureName}) has been decided; the result is ready.`, ...(n.resultText ? [`Result: ${n.resultText}`] : [])],
      sms: `Application ${code(n)}: the result is ready.`,
    }),
    returned: (n) => ({
      title: `Application ${code(n)}: result handed over`,
      lines: [`The result of application ${code(n)} (${n.procedureName}) was handed over${n.mode ? ` ${EN.modes[n.mode]}` : ''}.`, 'Please rate the service on the application’s page.'],
      sms: `Application ${code(n)}: result handed over. Please rate the service on the portal.`,
    }),
    withdrawn: (n, at) => ({
      title: `Application ${code(n)} withdrawn`,
      lines: [`Application ${code(n)} (${n.procedureName}) was withdrawn at ${at(n.occurredAt)}, as asked.`, ...(n.reasons ? [`Reason: ${n.reasons}`] : [])],
      sms: `Application ${code(n)} was withdrawn as asked.`,
    }),
  },
};

const COPY: Readonly<Record<MessageLocale, Copy>> = { vi: VI, en: EN };

/** The title, body and SMS of a notice in one language. */
export function noticeText(notice: DossierNotice, locale: MessageLocale): NoticeText {
  const at = (iso: string | null) => (iso ? formatTime(new Date(iso), locale, true) : '');
  return COPY[locale].say[notice.kind](notice, at);
}

/** The e-mail and SMS of a notice for its contact (none without an address or number). */
export function renderNoticeMessages(notice: DossierNotice, audience: NoticeAudience, links: NoticeLinks): RenderedMessage[] {
  const copy = COPY[audience.locale];
  const said = noticeText(notice, audience.locale);
  const messages: RenderedMessage[] = [];
  const base = { locale: audience.locale, expiresAt: null };
  if (audience.email) {
    const subject = `${said.title} – ${copy.portal}`;
    const lines = [copy.hello(audience.name), ...said.lines, copy.timeNote];
    const footer = [copy.viewDossier(links.dossier), copy.lookup(links.lookup)];
    messages.push({
      ...base,
      channel: 'email',
      recipient: audience.email,
      subject,
      text: [...lines, ...footer].join('\n\n'),
      html: renderNoticeHtml(audience.locale, subject, lines, [
        { label: copy.viewDossier(''), url: links.dossier },
        { label: copy.lookup(''), url: links.lookup },
      ]),
    });
  }
  if (audience.phone) {
    messages.push({ ...base, channel: 'sms', recipient: audience.phone, subject: null, html: null, text: toSmsText(`${said.sms} ${copy.smsLookup(links.lookup)}`) });
  }
  return messages;
}

function renderNoticeHtml(locale: MessageLocale, subject: string, lines: readonly string[], links: ReadonlyArray<{ label: string; url: string }>): string {
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const anchors = links.map((l) => `<p>${escapeHtml(l.label.trim())} <a href="${escapeHtml(l.url)}">${escapeHtml(l.url)}</a></p>`).join('\n');
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">',
    body,
    anchors,
    `<p style="color:#505a5f;font-size:14px">${escapeHtml(COPY[locale].portal)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
