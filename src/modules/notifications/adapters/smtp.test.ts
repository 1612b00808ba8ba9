import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVerificationCode } from '../notification-render.workflow.ts';
import { DeliveryError, type OutgoingMessage } from '../notification.port.ts';
import { startLocalSmtpServer, type LocalSmtpServer } from './local-smtp-server.fixture.ts';
import { createSmtpTransport } from './smtp.ts';

let smtp: LocalSmtpServer;
beforeAll(async () => {
  smtp = await startLocalSmtpServer({ rejectRecipient: (to) => (to.startsWith('gone@') ? 550 : to.startsWith('busy@') ? 451 : null) });
});
afterAll(async () => {
  await smtp?.close();
});

function buildOutgoing(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const rendered = renderVerificationCode({ channel: 'email', to: 'bình.trần@example.vn', code: '705118', purpose: 'register', locale: 'vi', expiresAt: '2026-03-14T03:15:00Z' });
  return { id: '3f1c1d5e-8f0a-4a39-9f5e-0d7b7a3b2c11', channel: 'email', recipient: 'binh.tran@example.vn', locale: 'vi', subject: rendered.subject, text: rendered.text, html: rendered.html, ...overrides };
}

describe('SMTP adapter (nodemailer against a real SMTP server on 127.0.0.1)', () => {
  it('delivers To, From, a UTF-8 Vietnamese subject and body with the code, text and HTML parts', async () => {
    const transport = createSmtpTransport({ url: smtp.url, from: 'Cổng Dịch vụ công <no-reply@dichvucong.example.vn>' });
    await transport.send(buildOutgoing());
    await transport.close?.();
    const mail = smtp.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(['binh.tran@example.vn']);
    expect(mail.to).toBe('binh.tran@example.vn');
    expect(mail.from).toBe('Cổng Dịch vụ công <no-reply@dichvucong.example.vn>');
    expect(mail.subject).toBe('Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công');
    expect(mail.text).toContain('Mã xác minh để đăng ký tài khoản trên Cổng Dịch vụ công là:');
    expect(mail.text).toContain('705118');
    expect(mail.html).toContain('705118');
    expect(mail.messageId).toBe('<3f1c1d5e-8f0a-4a39-9f5e-0d7b7a3b2c11@dichvucong.example.vn>');
    expect(mail.raw).toMatch(/charset=utf-8/i);
  });

  it('reports a 5xx refusal as permanent and a 4xx as worth retrying', async () => {
    const transport = createSmtpTransport({ url: smtp.url, from: 'no-reply@example.vn' });
    const gone = await transport.send(buildOutgoing({ recipient: 'gone@example.vn' })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DeliveryError);
    expect(gone).toMatchObject({ permanent: true, message: expect.stringContaining('550') });
    const busy = await transport.send(buildOutgoing({ recipient: 'busy@example.vn' })).catch((e: unknown) => e);
    expect(busy).toMatchObject({ permanent: false, message: expect.stringContaining('451') });
    await transport.close?.();
  });

  it('reports an unreachable server as worth retrying', async () => {
    const transport = createSmtpTransport({ url: 'smtp://127.0.0.1:9', from: 'no-reply@example.vn', timeoutMs: 2000 });
    const err = await transport.send(buildOutgoing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ permanent: false });
  });
});
