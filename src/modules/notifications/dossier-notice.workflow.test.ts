import { describe, expect, it } from 'vitest';
import { DOSSIER_NOTICE_KINDS, dossierEventSchema, noticeFromParams, noticeOf, type DossierNoticeKind, type NoticeAudience } from './dossier-notice.types.ts';
import { noticeText, renderNoticeMessages } from './dossier-notice.workflow.ts';
import { isGsm7 } from './notification-render.workflow.ts';

const DOSSIER_ID = '0b9f5a52-6c1e-4d0e-9a51-2f1f6f0c1a11';
const links = { dossier: `https://dichvucong.example.gov.vn/ho-so/${DOSSIER_ID}`, lookup: 'https://dichvucong.example.gov.vn/tra-cuu-ho-so' };

/** A payload as the dossier core's `eventPayload` writes it. 03:15 UTC is 10:15 in Hà Nội. */
const buildPayload = (type: DossierNoticeKind, data: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
  dossierId: DOSSIER_ID,
  eventId: 'f0c2d9de-8d3c-4b8e-8a43-6f5c8f1d2e3a',
  seq: 2,
  code: '001.00.00.H01-261122-0001',
  type,
  status: type,
  statusCode: 2,
  statusFrom: 'submitted',
  agencyCode: '001.00.00.H01',
  procedureCode: '1.003197',
  procedureName: 'Xóa đăng ký thường trú',
  channel: 'online',
  origin: 'portal',
  ownerAccountId: '6f1c3a1e-3b7a-4c55-9d0e-1f2a3b4c5d6e',
  submitterAccountId: null,
  contact: { name: 'Phạm Thị Mai', email: 'mai.pham@example.vn', phone: '0912345678' },
  dueAt: '2026-11-27T03:15:00.000Z',
  occurredAt: '2026-11-22T03:15:00.000Z',
  data,
  ...overrides,
});

const DATA: Record<DossierNoticeKind, Record<string, unknown>> = {
  submitted: { dueAt: '2026-11-27T03:15:00.000Z' },
  received: { dueAt: '2026-11-27T03:15:00.000Z' },
  supplement_requested: { items: [{ name: 'Tờ khai CT01', reason: 'Thiếu chữ ký' }, { name: 'Bản sao giấy khai sinh', reason: 'Bản chụp bị mờ' }], supplementDueAt: '2026-12-22T03:15:00.000Z', stage: 'intake' },
  refused: { reasons: 'Hồ sơ không thuộc thẩm quyền của Ủy ban nhân dân xã.' },
  payment_requested: { amountVnd: 1500000, description: 'Lệ phí cấp giấy chứng nhận' },
  stopped: { reasons: 'Người yêu cầu đã chết.' },
  extended: { reason: 'Cần xác minh thêm tại địa phương khác.', dueBefore: '2026-11-27T03:15:00.000Z', dueAfter: '2026-12-04T03:15:00.000Z' },
  resolved: { resultText: 'Đã xóa đăng ký thường trú', files: [] },
  returned: { mode: 'electronic' },
  withdrawn: { reason: 'Nộp nhầm thủ tục' },
};

const audience = (overrides: Partial<NoticeAudience> = {}): NoticeAudience => ({ name: 'Phạm Thị Mai', email: 'mai.pham@example.vn', phone: '0912345678', locale: 'vi', accountIds: [], ...overrides });
const noticeFor = (kind: DossierNoticeKind, data = DATA[kind], overrides: Record<string, unknown> = {}) => noticeOf(dossierEventSchema.parse(buildPayload(kind, data, overrides)))!;

describe('dossier notices', () => {
  it('tells of the receipt with the code, the appointment in Vietnam time and both links', () => {
    const [email, sms] = renderNoticeMessages(noticeFor('submitted'), audience(), links);
    expect(email).toMatchObject({ channel: 'email', recipient: 'mai.pham@example.vn', locale: 'vi', subject: 'Đã nộp hồ sơ 001.00.00.H01-261122-0001 – Cổng Dịch vụ công' });
    expect(email!.text).toContain('Xin chào Phạm Thị Mai,');
    expect(email!.text).toContain('Thời gian hẹn trả kết quả: 10:15 27/11/2026.');
    expect(email!.text).toContain(links.dossier);
    expect(email!.text).toContain(links.lookup);
    expect(email!.html).toContain(`<a href="${links.dossier}">`);
    expect(sms).toMatchObject({ channel: 'sms', recipient: '0912345678', subject: null, html: null });
    expect(sms!.text).toBe(`Ho so 001.00.00.H01-261122-0001 da duoc nop. Hen tra ket qua 10:15 27/11/2026. Tra cuu: ${links.lookup}`);
  });

  it('lists what a supplement request asks for and by when', () => {
    const { lines } = noticeText(noticeFor('supplement_requested'), 'vi');
    expect(lines).toContain('– Tờ khai CT01: Thiếu chữ ký');
    expect(lines).toContain('– Bản sao giấy khai sinh: Bản chụp bị mờ');
    expect(lines).toContain('Hạn bổ sung: 10:15 22/12/2026.');
  });

  it('gives the new appointment of an extension, the amount of a payment and the reasons of a refusal', () => {
    expect(noticeText(noticeFor('extended'), 'vi').lines).toContain('Thời gian hẹn trả kết quả mới: 10:15 04/12/2026.');
    expect(noticeText(noticeFor('extended'), 'vi').lines).toContain('Lý do: Cần xác minh thêm tại địa phương khác.');
    expect(noticeText(noticeFor('payment_requested'), 'vi').lines).toContain('Số tiền: 1.500.000 đồng – Lệ phí cấp giấy chứng nhận.');
    expect(noticeText(noticeFor('payment_requested'), 'en').lines).toContain('Amount: 1,500,000 dong – Lệ phí cấp giấy chứng nhận.');
    expect(noticeText(noticeFor('refused'), 'vi').lines).toContain('Lý do: Hồ sơ không thuộc thẩm quyền của Ủy ban nhân dân xã.');
  });

  it('renders every kind in both languages: NFC text, escaped HTML, SMS in GSM 7-bit within two segments', () => {
    for (const kind of DOSSIER_NOTICE_KINDS) {
      for (const locale of ['vi', 'en'] as const) {
        const messages = renderNoticeMessages(noticeFor(kind, DATA[kind], { procedureName: 'Thủ tục <b>thử</b> & "kiểm tra"' }), audience({ locale }), links);
        expect(messages.map((m) => m.channel)).toEqual(['email', 'sms']);
        const [email, sms] = messages;
        expect(email!.text, kind).toBe(email!.text.normalize('NFC'));
        expect(email!.subject, kind).toContain('001.00.00.H01-261122-0001');
        expect(email!.html, kind).toContain(`<html lang="${locale}">`);
        expect(email!.html, kind).toContain('Thủ tục &lt;b&gt;thử&lt;/b&gt; &amp; &quot;kiểm tra&quot;');
        expect(email!.html, kind).not.toMatch(/<(?!\/?(p|a|html|head|meta|title|body)\b|!doctype)/);
        expect(isGsm7(sms!.text), `${kind} ${locale}: ${sms!.text}`).toBe(true);
        expect(sms!.text.length, sms!.text).toBeLessThanOrEqual(306);
        expect(sms!.text, kind).toContain('001.00.00.H01-261122-0001');
      }
    }
  });

  it('sends nothing on a channel without an address, and greets without a name', () => {
    const messages = renderNoticeMessages(noticeFor('received'), audience({ name: '', phone: null }), links);
    expect(messages.map((m) => m.channel)).toEqual(['email']);
    expect(messages[0]!.text.startsWith('Xin chào,')).toBe(true);
  });

  it('ignores events people are not told of, and reads stored params back to the same text', () => {
    expect(noticeOf(dossierEventSchema.parse(buildPayload('received', {}, { type: 'forwarded' })))).toBeNull();
    const notice = noticeFor('supplement_requested');
    const stored = JSON.parse(JSON.stringify(notice)) as Record<string, unknown>;
    const back = noticeFromParams('dossier.supplement_requested', stored)!;
    expect(noticeText(back, 'en')).toEqual(noticeText(notice, 'en'));
    expect(noticeFromParams('dossier.forwarded', stored)).toBeNull();
  });

  it('survives odd data: wrong types are dropped, not thrown', () => {
    const notice = noticeFor('payment_requested', { amountVnd: 'một triệu', description: 42, items: 'x' });
    expect(notice).toMatchObject({ amountVnd: null, description: null, items: [] });
    expect(noticeText(notice, 'vi').lines[0]).toContain('nghĩa vụ tài chính');
  });
});
