import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createArgon2Hasher } from './adapters/argon2.ts';
import type { EidAuthorizationResult, EidProfile } from './eid/index.ts';
import { EID_UNRATED_ACR, type EidLoginInput } from './eid-login.service.ts';
import { createIdentityModule, type IdentityModule } from './index.ts';

// FICTIONAL people: the ID numbers only follow the CCCD structure (001 = Hà Nội, digit 4 = century and sex).
const ISSUER = 'https://eid.example.test';
const origin = { ip: '10.0.0.7', userAgent: 'vitest' };
let database: TestDatabase;
let identity: IdentityModule;
let serial = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  identity = createIdentityModule({
    db: database.db,
    logger: pino({ level: 'silent' }),
    secret: 's'.repeat(32),
    secureCookies: false,
    hasher: createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    units: { listProvinces: async () => [], listCommunes: async () => [], agencyExists: async () => true },
  });
});
afterAll(async () => {
  await database?.drop();
});

/** A fresh, structurally valid ID number of a man born in 1990. */
const newIdNumber = () => `00109${String(++serial).padStart(7, '0')}`;

function buildResult(overrides: Partial<EidProfile> & { subject?: string; acr?: EidAuthorizationResult['acr']; claimIssues?: string[] } = {}): EidAuthorizationResult {
  const { subject, acr, claimIssues, ...claims } = overrides;
  return {
    subject: subject ?? `sub-${++serial}`,
    acr: acr === undefined ? 'urn:vneid:loa:2' : acr,
    idToken: 'x.y.z',
    claimIssues: claimIssues ?? [],
    claims: { idNumber: newIdNumber(), fullName: 'Đỗ Văn Thử', birthdate: '1990-05-06', gender: 'male', phone: null, email: null, address: null, ...claims },
  };
}

const login = (result: EidAuthorizationResult, extra: Partial<EidLoginInput> = {}) =>
  identity.eidLogin.completeLogin({ issuer: ISSUER, result, requiredAcr: null, origin, ...extra });

/** A password login of a citizen without two-factor: an active session. */
async function signIn(identifier: string, password: string) {
  const done = await identity.login.login({ identifier, password, origin });
  if (!done.ok) throw new Error(`login failed: ${done.problem}`);
  const resolved = (await identity.sessions.resolve(done.token))!;
  return { token: done.token, session: resolved.session };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no failure',
    (err: { code?: string }) => err.code ?? String(err),
  );
}

describe('e-ID login: link, never duplicate', () => {
  it('creates an account without any contact when the e-ID releases none, and records an unrated level', async () => {
    const result = buildResult({ acr: null });
    const first = await login(result);
    expect(first).toMatchObject({ outcome: 'created', stage: 'active', acr: EID_UNRATED_ACR });
    const account = (await identity.accounts.findAccount(first.accountId))!;
    expect(account).toMatchObject({ type: 'citizen', status: 'active', email: null, phone: null, idNumber: result.claims.idNumber, fullName: 'Đỗ Văn Thử', dateOfBirth: '1990-05-06', sex: 'male', passwordHash: null });
    const again = await login({ ...result, acr: 'urn:vneid:loa:1' });
    expect(again).toMatchObject({ outcome: 'returning', accountId: first.accountId, acr: 'urn:vneid:loa:1' });
    expect(await identity.eidLogin.listLinks(first.accountId)).toHaveLength(1);
  });

  it('leaves out an e-mail or phone that another account already holds', async () => {
    await identity.accounts.addAccount({ type: 'citizen', email: 'da.co@example.vn', phone: '0912000001', password: 'mat khau rat dai 2026' }, { origin });
    const done = await login(buildResult({ email: 'Da.Co@example.vn', phone: '+84912000001' }));
    const account = (await identity.accounts.findAccount(done.accountId))!;
    expect([account.email, account.phone]).toEqual([null, null]);
    const fresh = await login(buildResult({ email: 'moi@example.vn', phone: '0912000002' }));
    const other = (await identity.accounts.findAccount(fresh.accountId))!;
    expect([other.email, other.phone]).toEqual(['moi@example.vn', '0912000002']);
  });

  it('links the account with the same ID number from its own signed-in session, filling only empty profile fields', async () => {
    const idNumber = newIdNumber();
    const existing = await identity.accounts.addAccount({ type: 'citizen', email: 'co.san@example.vn', password: 'mat khau co san 2026', idNumber, fullName: 'Tên Tự Khai' }, { origin });
    const signedIn = await signIn('co.san@example.vn', 'mat khau co san 2026');
    const done = await login(buildResult({ idNumber, fullName: 'Tên Theo Định Danh', email: 'khac@example.vn' }), { previousSession: signedIn.session });
    expect(done).toMatchObject({ outcome: 'linked', accountId: existing.id });
    const account = (await identity.accounts.findAccount(existing.id))!;
    expect(account).toMatchObject({ fullName: 'Tên Tự Khai', dateOfBirth: '1990-05-06', sex: 'male', email: 'co.san@example.vn' });
    expect(await count('identity_account WHERE id_number = $1', [idNumber])).toBe(1);
    expect(await count("identity_audit WHERE account_id = $1 AND action = 'eid.linked' AND details->>'by' = 'signed_in_session'", [existing.id])).toBe(1);
    // The password session was replaced by the e-ID one.
    expect(await identity.sessions.resolve(signedIn.token)).toBeNull();
  });

  it('links a second e-ID identity to an account whose ID number an e-ID already confirmed', async () => {
    const first = await login(buildResult());
    const idNumber = (await identity.accounts.findAccount(first.accountId))!.idNumber!;
    const again = await login(buildResult({ idNumber, subject: `re-issued-${serial}` }));
    expect(again).toMatchObject({ outcome: 'linked', accountId: first.accountId });
    expect(await identity.eidLogin.listLinks(first.accountId)).toHaveLength(2);
  });

  it('two callbacks of the same new citizen at once still make one account', async () => {
    const result = buildResult();
    const both = await Promise.all([login(result), login(result)]);
    expect(both[0].accountId).toBe(both[1].accountId);
    expect(await count('identity_account WHERE id_number = $1', [result.claims.idNumber])).toBe(1);
    expect(await count('identity_eid_link WHERE subject = $1', [result.subject])).toBe(1);
  });
});

describe('e-ID login: refusals write nothing', () => {
  it('refuses a level below the one demanded', async () => {
    const result = buildResult({ acr: 'urn:vneid:loa:1' });
    expect(await failure(login(result, { requiredAcr: 'urn:vneid:loa:2' }))).toBe('IDENTITY_EID_LEVEL_TOO_LOW');
    expect(await failure(login(buildResult({ acr: null }), { requiredAcr: 'urn:vneid:loa:1' }))).toBe('IDENTITY_EID_LEVEL_TOO_LOW');
    expect(await count('identity_account WHERE id_number = $1', [result.claims.idNumber])).toBe(0);
    expect(await count('identity_eid_link WHERE subject = $1', [result.subject])).toBe(0);
    await expect(login(result, { requiredAcr: 'urn:vneid:loa:1' })).resolves.toMatchObject({ outcome: 'created' });
  });

  it('refuses a missing, malformed or impossible ID number', async () => {
    expect(await failure(login(buildResult({ idNumber: null })))).toBe('IDENTITY_EID_ID_NUMBER_INVALID');
    expect(await failure(login(buildResult({ idNumber: null, claimIssues: ['personal_id'] })))).toBe('IDENTITY_EID_ID_NUMBER_INVALID');
    // Province code 000 does not exist.
    const bad = buildResult({ idNumber: '000090000001' });
    expect(await failure(login(bad))).toBe('IDENTITY_EID_ID_NUMBER_INVALID');
    expect(await count('identity_eid_link WHERE subject = $1', [bad.subject])).toBe(0);
  });

  it('refuses a disabled account and rolls the new link back', async () => {
    const first = await login(buildResult());
    const idNumber = (await identity.accounts.findAccount(first.accountId))!.idNumber!;
    await database.pool.query("UPDATE identity_account SET status = 'disabled' WHERE id = $1", [first.accountId]);
    const audits = await count("identity_audit WHERE account_id = $1 AND action LIKE 'eid.%'", [first.accountId]);
    const result = buildResult({ idNumber, subject: `another-${serial}` });
    expect(await failure(login(result))).toBe('IDENTITY_EID_ACCOUNT_UNAVAILABLE');
    expect(await count('identity_eid_link WHERE account_id = $1', [first.accountId])).toBe(1);
    expect(await count('identity_session WHERE account_id = $1', [first.accountId])).toBe(1);
    expect(await count("identity_audit WHERE account_id = $1 AND action LIKE 'eid.%'", [first.accountId])).toBe(audits);
  });

  it('refuses to link an account whose ID number was typed by hand (squatted): no duplicate, no link, no session', async () => {
    const idNumber = newIdNumber();
    const squatter = await identity.accounts.addAccount({ type: 'citizen', email: 'chiem.so@example.vn', password: 'mat khau ke chiem 2026' }, { origin });
    expect(await identity.profiles.updateProfile(squatter.id, { fullName: 'Kẻ Chiếm', dateOfBirth: '', sex: '', idNumber }, origin)).toEqual({ ok: true });
    const result = buildResult({ idNumber });
    expect(await failure(login(result))).toBe('IDENTITY_EID_LINK_REFUSED');
    expect(await count('identity_account WHERE id_number = $1', [idNumber])).toBe(1);
    expect(await count('identity_eid_link WHERE subject = $1 OR account_id = $2', [result.subject, squatter.id])).toBe(0);
    expect(await count('identity_session WHERE account_id = $1', [squatter.id])).toBe(0);

    // A browser signed in to some other account does not open the door either (and keeps its session).
    const other = await identity.accounts.addAccount({ type: 'citizen', email: 'nguoi.khac@example.vn', password: 'mat khau nguoi khac 2026' }, { origin });
    const otherSession = await signIn('nguoi.khac@example.vn', 'mat khau nguoi khac 2026');
    expect(await failure(login(result, { previousSession: otherSession.session }))).toBe('IDENTITY_EID_LINK_REFUSED');
    expect(await identity.sessions.resolve(otherSession.token)).not.toBeNull();
    expect(await count('identity_eid_link WHERE account_id = $1', [other.id])).toBe(0);
  });

  it('records a refused link as eid.link_refused under the account it aimed at', async () => {
    await identity.eidLogin.recordFailure('IDENTITY_EID_LINK_REFUSED', origin, { accountId: '00000000-0000-4000-8000-000000000001', subject: 's' });
    const { rows } = await database.pool.query("SELECT account_id, ip, details FROM identity_audit WHERE action = 'eid.link_refused' ORDER BY id DESC LIMIT 1");
    expect(rows[0]).toMatchObject({ account_id: '00000000-0000-4000-8000-000000000001', ip: '10.0.0.7', details: { code: 'IDENTITY_EID_LINK_REFUSED', subject: 's' } });
  });

  it('keeps an e-ID-confirmed ID number whatever the profile form sends', async () => {
    const done = await login(buildResult());
    const idNumber = (await identity.accounts.findAccount(done.accountId))!.idNumber;
    expect(await identity.profiles.isIdNumberConfirmed(done.accountId)).toBe(true);
    expect(await identity.profiles.updateProfile(done.accountId, { fullName: 'Tên Mới', dateOfBirth: '', sex: '', idNumber: newIdNumber() }, origin)).toEqual({ ok: true });
    expect(await identity.accounts.findAccount(done.accountId)).toMatchObject({ fullName: 'Tên Mới', idNumber });
  });

  it('records a failure in the audit trail with where it came from', async () => {
    await identity.eidLogin.recordFailure('IDENTITY_EID_STATE_MISMATCH', origin, { detail: 'forged' });
    const { rows } = await database.pool.query("SELECT ip, user_agent, details FROM identity_audit WHERE action = 'eid.login_failed' ORDER BY id DESC LIMIT 1");
    expect(rows[0]).toMatchObject({ ip: '10.0.0.7', user_agent: 'vitest', details: { code: 'IDENTITY_EID_STATE_MISMATCH', detail: 'forged' } });
  });
});
