import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { createWebApp } from '../../../../app.ts';
import { loadEnv } from '../../../../config/env.ts';
import type { Messages } from '../../../../platform/i18n/i18n.ts';
import { createMailboxTransport } from '../../adapters/mailbox.ts';
import { renderPasswordChanged, renderVerificationCode } from '../../notification-render.workflow.ts';
import { notificationsMessages } from '../notifications.messages.ts';

let testApp: TestApp;
const to = `mai.le.${randomUUID().slice(0, 8)}@example.vn`;
const phone = '+84903111222';

beforeAll(async () => {
  testApp = await createTestApp();
  const { service } = testApp.app.modules.notifications;
  const mailbox = createMailboxTransport();
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  const queued = [
    await service.queue({ id: randomUUID(), type: 'identity.verification_code_issued' }, renderVerificationCode({ channel: 'email', to, code: '111111', purpose: 'register', locale: 'vi', expiresAt })),
    await service.queue({ id: randomUUID(), type: 'identity.verification_code_issued' }, renderVerificationCode({ channel: 'sms', to: phone, code: '222222', purpose: 'login', locale: 'en', expiresAt })),
    await service.queue({ id: randomUUID(), type: 'identity.password_changed' }, renderPasswordChanged({ channel: 'email', to: `<b>${to}</b>`, locale: 'en' })),
  ];
  for (const id of queued) await service.deliver(id!, { email: mailbox, sms: mailbox });
  // One more, left queued, and newest: the mailbox shows what is waiting too.
  await service.queue({ id: randomUUID(), type: 'identity.verification_code_issued' }, renderVerificationCode({ channel: 'email', to, code: '333333', purpose: 'password_reset', locale: 'vi', expiresAt }));
});

afterAll(async () => {
  await testApp?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await testApp.app.http.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*;q=0.8', ...headers } });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

describe('/dev/mailbox.json', () => {
  it('lists one recipient’s messages newest first, with the body to read the code from', async () => {
    const res = await testApp.app.http.inject({ method: 'GET', url: `/dev/mailbox.json?to=${encodeURIComponent(to.toUpperCase())}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { messages } = res.json() as { messages: Array<{ to: string; body: string; status: string; channel: string; subject: string; createdAt: string; transport: string | null }> };
    expect(messages.map((m) => [m.to, m.status, /\d{6}/.exec(m.body)?.[0]])).toEqual([
      [to, 'queued', '333333'],
      [to, 'sent', '111111'],
    ]);
    expect(messages[1]).toMatchObject({ channel: 'email', transport: 'mailbox', subject: 'Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công' });
  });

  it('lists every recipient, SMS included, without a filter', async () => {
    const res = await testApp.app.http.inject({ method: 'GET', url: '/dev/mailbox.json' });
    const { messages } = res.json() as { messages: Array<{ to: string; channel: string; body: string }> };
    expect(messages).toHaveLength(4);
    expect(messages.find((m) => m.channel === 'sms')).toMatchObject({ to: phone, body: expect.stringContaining('222222') });
  });
});

describe('/dev/mailbox', () => {
  it('shows the messages in the site layout, escaped, with recipient, subject, time and body', async () => {
    const res = await get('/dev/mailbox');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="vi"');
    expect(res.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(res.body).toContain('<title>Hộp thư thử nghiệm – Cổng Dịch vụ công</title>');
    expect(res.body).toMatch(/<label[^>]+for="mailbox-to"/);
    expect(res.body).toMatch(/<form method="get" action="\/dev\/mailbox" novalidate>/);
    expect(res.body).toContain('Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công');
    expect(res.body).toContain('Tin nhắn SMS');
    expect(res.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d\d:\d\d \d\d\/\d\d\/\d{4}<\/time>/);
    expect(res.body).toContain('<div lang="en">');
    expect(res.body).toContain('&lt;b&gt;');
    expect(res.body).not.toContain(`<b>${to}`);
    expect(res.body).not.toMatch(/>\s*notifications\.[\w.]+\s*</);
    // Newest first.
    expect(res.body.indexOf('333333')).toBeLessThan(res.body.indexOf('111111'));
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.body).not.toMatch(/<script(?![^>]*(src=|nonce=))/);
    expect(res.body).not.toMatch(/\sstyle="/);
  });

  it('filters by recipient, keeps the filter in the box, and speaks English', async () => {
    // Unencoded, as people type it: the + arrives as a space.
    const res = await get(`/dev/mailbox?to=${phone}&lang=en`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Messages to +84903111222: 1.');
    expect(res.body).toMatch(/<input[^>]+name="to"[^>]+value="\+84903111222"/);
    expect(res.body).toContain('222222');
    expect(res.body).not.toContain('111111');
  });

  it('has every Vietnamese string in English too, NFC-normalised', () => {
    expect(keysOf(notificationsMessages.en).sort()).toEqual(keysOf(notificationsMessages.vi).sort());
    const all = JSON.stringify(notificationsMessages);
    expect(all).toBe(all.normalize('NFC'));
  });
});

describe('in production', () => {
  it('does not exist at all', async () => {
    const env = loadEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: randomBytes(32).toString('hex'), DATABASE_URL: testApp.database.url });
    const app = await createWebApp({ env, databaseUrl: testApp.database.url, logger: pino({ level: 'silent' }), listenForChanges: false });
    try {
      for (const url of ['/dev/mailbox', `/dev/mailbox.json?to=${encodeURIComponent(to)}`]) {
        const res = await app.http.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('111111');
      }
    } finally {
      await app.close();
    }
  });
});
