import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => t.app.http.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
const query = (params: Record<string, string>) => `/api/v1/deadlines?${new URLSearchParams(params)}`;

describe('GET /api/v1/deadlines', () => {
  it('answers the worked examples of DOMAIN §6.4', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ received: '2025-03-04T10:00:00+07:00', value: '3', unit: 'working_days' }, '2025-03-07T10:00:00+07:00'],
      [{ received: '2025-03-05T17:30', value: '1', unit: 'working_days', channel: 'postal' }, '2025-03-07T07:00:00+07:00'],
      [{ received: '2025-04-29T09:00+07:00', value: '2', unit: 'working_days' }, '2025-05-06T09:00:00+07:00'],
      [{ received: '2025-03-03T10:00', value: '5', unit: 'days' }, '2025-03-10T10:00:00+07:00'],
    ];
    for (const [params, due] of cases) {
      const res = await get(query(params));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ due });
    }
  });

  it('answers bad input with problem+json naming each field', async () => {
    const res = await get(query({ received: '2025-13-01T10:00', value: '-2', unit: 'fortnights' }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json() as { code: string; errors: Array<{ path: string; message: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['querystring.received', 'querystring.unit', 'querystring.value']);
    const missing = await get('/api/v1/deadlines?value=3');
    expect(missing.statusCode).toBe(400);
    const tooLong = await get(query({ received: '2025-03-04T10:00', value: '9999', unit: 'months' }));
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json())).toMatch(/at most 120/);
    const farPast = await get(query({ received: '1890-03-04T10:00', value: '1', unit: 'days' }));
    expect(farPast.statusCode).toBe(400);
  });

  it('is documented in OpenAPI with an example', async () => {
    const doc = (await get('/docs/json')).json() as { paths: Record<string, { get: { parameters: Array<{ name: string; schema?: { example?: unknown } }> } }> };
    const op = doc.paths['/api/v1/deadlines']!.get;
    expect(op.parameters.map((p) => p.name).sort()).toEqual(['channel', 'received', 'unit', 'value']);
    expect(JSON.stringify(op)).toContain('2025-03-04T10:00:00+07:00');
    expect(JSON.stringify(doc.paths['/api/v1/deadlines'])).toContain('2025-03-07T10:00:00+07:00');
  });
});
