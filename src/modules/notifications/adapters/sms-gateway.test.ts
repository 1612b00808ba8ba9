import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVerificationCode } from '../notification-render.workflow.ts';
import { DeliveryError, type OutgoingMessage } from '../notification.port.ts';
import { createSmsGatewayTransport } from './sms-gateway.ts';

interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

// A tiny gateway: answers with the status the number asks for (…0500 → 500), records every request.
let server: http.Server;
let url: string;
const received: Received[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string };
      received.push({ method: req.method ?? '', headers: req.headers, body });
      const status = body.to.endsWith('0500') ? 500 : body.to.endsWith('0400') ? 400 : 202;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 202 ? { id: 'gw-1' } : { error: 'invalid number' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

function buildSms(to: string): OutgoingMessage {
  const rendered = renderVerificationCode({ channel: 'sms', to, code: '305577', purpose: 'login', locale: 'vi', expiresAt: '2026-03-14T03:15:00Z' });
  return { id: 'a9b3c1d2-0000-4000-8000-000000000001', channel: 'sms', recipient: to, locale: 'vi', subject: null, text: rendered.text, html: null };
}

describe('SMS gateway adapter (against a local HTTP server)', () => {
  it('POSTs { to, text } as JSON with the bearer token and the message id as idempotency key', async () => {
    await createSmsGatewayTransport({ url, token: 'gw-secret' }).send(buildSms('0912345678'));
    const req = received.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe('Bearer gw-secret');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe('a9b3c1d2-0000-4000-8000-000000000001');
    expect(req.body).toEqual({ to: '0912345678', text: expect.stringContaining('305577') });
  });

  it('treats 5xx as worth retrying and other 4xx as permanent, with the gateway’s answer in the error', async () => {
    const transport = createSmsGatewayTransport({ url });
    const down = await transport.send(buildSms('0912340500')).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(DeliveryError);
    expect(down).toMatchObject({ permanent: false, message: expect.stringContaining('500') });
    const refused = await transport.send(buildSms('0912340400')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ permanent: true, message: expect.stringContaining('invalid number') });
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('treats an unreachable gateway as worth retrying', async () => {
    const err = await createSmsGatewayTransport({ url: 'http://127.0.0.1:9/sms', timeoutMs: 2000 }).send(buildSms('0912345678')).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DeliveryError', permanent: false });
  });
});
