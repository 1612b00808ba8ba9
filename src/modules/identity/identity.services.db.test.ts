import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createArgon2Hasher } from './adapters/argon2.ts';
import { createIdentityModule, type IdentityModule } from './index.ts';
import { decodeBase32, totp } from './totp.workflow.ts';

let database: TestDatabase;
let identity: IdentityModule;
let clock = new Date('2026-03-01T08:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const hasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const origin = { ip: '10.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  database = await createTestDatabase();
  identity = createIdentityModule({
    db: database.db,
    logger: pino({ level: 'silent' }),
    secret: 's'.repeat(32),
    secureCookies: false,
    now: () => clock,
    hasher,
    units: { listProvinces: async () => [], listCommunes: async () => [], agencyExists: async () => true },
  });
});
afterAll(async () => {
  await database?.drop();
});

async function codeFor(to: string, purpose: string): Promise<string> {
  const { rows } = await database.pool.query<{ code: string }>(
    "SELECT payload->>'code' AS code FROM platform_event WHERE payload->>'to' = $1 AND payload->>'purpose' = $2 ORDER BY occurred_at DESC LIMIT 1",
    [to, purpose],
  );
  return rows[0]!.code;
}

describe('verification codes', () => {
  it('publishes the code event in the registration transaction with the agreed payload', async () => {
    const res = await identity.registration.register({ type: 'citizen', contact: 'hoa@example.vn', password: 'hoa hong mua xuan', locale: 'en', origin });
    expect(res.ok).toBe(true);
    const { rows } = await database.pool.query("SELECT payload FROM platform_event WHERE type = 'identity.verification_code_issued' AND payload->>'to' = 'hoa@example.vn'");
    expect(rows[0].payload).toEqual({ channel: 'email', to: 'hoa@example.vn', code: expect.stringMatching(/^\d{6}$/), purpose: 'register', locale: 'en', expiresAt: new Date(clock.getTime() + 600_000).toISOString() });
    const { rows: stored } = await database.pool.query('SELECT code_hash FROM identity_verification_code');
    expect(stored.every((r) => r.code_hash.length === 32)).toBe(true);
  });

  it('expires codes after 10 minutes', async () => {
    const res = await identity.registration.register({ type: 'citizen', contact: 'lan@example.vn', password: 'lan trong vuon nha', locale: 'vi', origin });
    if (!res.ok) throw new Error('registration refused');
    const code = await codeFor('lan@example.vn', 'register');
    advance(10 * 60_000 + 1);
    expect(await identity.registration.verify({ flowId: res.flowId, code, origin })).toEqual({ ok: false, problem: 'expired' });
  });

  it('spends a code after 5 wrong entries, even if the right one comes next', async () => {
    const res = await identity.registration.register({ type: 'citizen', contact: 'mai@example.vn', password: 'mai vang ngay tet', locale: 'vi', origin });
    if (!res.ok) throw new Error('registration refused');
    const code = await codeFor('mai@example.vn', 'register');
    const wrong = code === '000000' ? '111111' : '000000';
    const problems = [];
    for (let i = 0; i < 5; i += 1) problems.push(((await identity.registration.verify({ flowId: res.flowId, code: wrong, origin })) as { problem: string }).problem);
    expect(problems).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'tooMany']);
    expect(await identity.registration.verify({ flowId: res.flowId, code, origin })).toEqual({ ok: false, problem: 'tooMany' });
  });

  it('throttles resending: one code a minute, five an hour', async () => {
    const ask = () => identity.passwordReset.request({ identifier: 'nobody@example.vn', locale: 'vi', origin });
    expect((await ask()).ok).toBe(true);
    expect(await ask()).toMatchObject({ ok: false, errors: [{ messageKey: 'identity.code.errors.wait' }] });
    for (let i = 0; i < 4; i += 1) {
      advance(61_000);
      expect((await ask()).ok).toBe(true);
    }
    advance(61_000);
    expect((await ask()).ok).toBe(false);
  });
});

describe('login', () => {
  it('spends the same argon2 work on an unknown account', async () => {
    const dummy = vi.spyOn(hasher, 'verifyDummy');
    await identity.login.login({ identifier: 'ghost@example.vn', password: 'whatever it is', origin });
    expect(dummy).toHaveBeenCalledTimes(1);
    dummy.mockRestore();
  });

  it('lifts a lockout after 15 minutes and clears the count on success', async () => {
    await identity.accounts.addAccount({ type: 'citizen', email: 'quang@example.vn', password: 'ganh hang rong pho' }, { origin });
    const attempt = (password: string) => identity.login.login({ identifier: 'quang@example.vn', password, origin: { ip: '10.0.0.2', userAgent: null } });
    for (let i = 0; i < 5; i += 1) expect(await attempt('wrong password!')).toEqual({ ok: false, problem: 'invalid' });
    expect(await attempt('ganh hang rong pho')).toMatchObject({ ok: false, problem: 'locked' });
    advance(15 * 60_000 + 1);
    expect(await attempt('ganh hang rong pho')).toMatchObject({ ok: true, stage: 'active' });
    const { rows } = await database.pool.query("SELECT action FROM identity_audit WHERE action LIKE 'login.%' ORDER BY id");
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['login.failed', 'login.lockout', 'login.refused_locked', 'login.succeeded']));
  });

  it('stores only a digest of the session token and cannot revoke another account’s session', async () => {
    await identity.accounts.addAccount({ type: 'citizen', email: 'son@example.vn', password: 'son la tay bac' }, { origin });
    const res = await identity.login.login({ identifier: 'son@example.vn', password: 'son la tay bac', origin });
    if (!res.ok) throw new Error('login refused');
    const { rows } = await database.pool.query('SELECT id, token_hash FROM identity_session WHERE account_id = $1', [res.accountId]);
    expect(rows[0].token_hash.toString('base64url')).not.toBe(res.token);
    expect(await identity.sessions.revoke('00000000-0000-0000-0000-000000000000', rows[0].id, origin)).toBe(false);
    expect(await identity.sessions.resolve(res.token)).not.toBeNull();
    expect(await identity.sessions.revoke(res.accountId, rows[0].id, origin)).toBe(true);
    expect(await identity.sessions.resolve(res.token)).toBeNull();
  });
});

describe('two-step verification', () => {
  it('locks the second factor after 5 wrong codes', async () => {
    const created = await identity.accounts.addAccount({ type: 'citizen', email: 'tuan@example.vn', password: 'le hoi mua thu vang' }, { origin });
    const setup = await identity.twoFactor.startEnrolment(created);
    const fresh = (await identity.accounts.findAccount(created.id))!;
    expect(await identity.twoFactor.confirmEnrolment(fresh, totp(decodeBase32(setup.secret), clock), origin)).toEqual({ ok: true });
    const res = await identity.login.login({ identifier: 'tuan@example.vn', password: 'le hoi mua thu vang', origin });
    if (!res.ok) throw new Error('login refused');
    expect(res.stage).toBe('second_factor');
    const current = (await identity.sessions.resolve(res.token))!;
    for (let i = 0; i < 4; i += 1) expect(await identity.twoFactor.verifyLogin(current.account, current.session, '000001', origin)).toEqual({ ok: false, problem: 'wrong' });
    expect(await identity.twoFactor.verifyLogin(current.account, current.session, '000001', origin)).toEqual({ ok: false, problem: 'locked' });
    advance(60_000);
    const right = totp(decodeBase32(setup.secret), clock);
    expect(await identity.twoFactor.verifyLogin(current.account, current.session, right, origin)).toEqual({ ok: false, problem: 'locked' });
    advance(15 * 60_000);
    const later = (await identity.sessions.resolve(res.token));
    // The half-done login itself expired after 10 minutes: the person starts again.
    expect(later).toBeNull();
  });
});
