import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { createSecretBox } from '../../../platform/crypto/secret-box.ts';
import { loadSigningKeys } from './oidc-keys.service.ts';

let database: TestDatabase;
const box = createSecretBox('k'.repeat(40), 'oidc-signing-key');
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('signing keys', () => {
  it('makes one key even when several processes start at once, and stores it encrypted', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const results = await Promise.all([1, 2, 3].map(() => loadSigningKeys(database.db, box, { rotateAfterDays: 90, now })));
    for (const r of results) expect(r.keys).toHaveLength(1);
    expect(new Set(results.map((r) => r.keys[0]!.kid)).size).toBe(1);
    const stored = await database.db.selectFrom('identity_oidc_key').select('private_jwk_sealed').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.private_jwk_sealed).not.toContain('"d"');
    expect(results[0]!.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });

  it('retires a key sealed under another application secret instead of failing to start', async () => {
    const before = await loadSigningKeys(database.db, box, { rotateAfterDays: 90, now: new Date('2026-02-01T00:00:00Z') });
    const otherSecret = createSecretBox('z'.repeat(40), 'oidc-signing-key');
    const after = await loadSigningKeys(database.db, otherSecret, { rotateAfterDays: 90, now: new Date('2026-02-01T00:00:00Z') });
    expect(after.keys).toHaveLength(1);
    expect(before.keys.map((k) => k.kid)).not.toContain(after.keys[0]!.kid);
    // And back under the first secret, its own keys were retired by the other: it makes a fresh one.
    const again = await loadSigningKeys(database.db, box, { rotateAfterDays: 90, now: new Date('2026-02-01T00:00:00Z') });
    expect(again.keys).toHaveLength(1);
    await database.db.deleteFrom('identity_oidc_key').execute();
  });

  it('rotates after the period, keeps the old key published, then retires it', async () => {
    const first = (await loadSigningKeys(database.db, box, { rotateAfterDays: 90, now: new Date('2026-01-01T00:00:00Z') })).keys[0]!.kid;
    const later = await loadSigningKeys(database.db, box, { rotateAfterDays: 90, now: new Date(Date.parse('2026-01-01T00:00:00Z') + 91 * DAY) });
    expect(later.keys).toHaveLength(2);
    expect(later.keys[0]!.kid).not.toBe(first);
    expect(later.keys[1]!.kid).toBe(first);
    const muchLater = await loadSigningKeys(database.db, box, { rotateAfterDays: 90, now: new Date(Date.parse('2026-01-01T00:00:00Z') + 181 * DAY) });
    expect(muchLater.keys.map((k) => k.kid)).not.toContain(first);
    expect(muchLater.keys[0]!.kid).toBe(later.keys[0]!.kid);
  });
});
