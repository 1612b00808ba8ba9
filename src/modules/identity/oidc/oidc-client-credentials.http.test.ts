import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../../test/support/db.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';

// An agency system (its one-stop back office) gets a token with client_credentials and calls an
// OpenDVC API. openid-client, not our code, plays the agency system.
let database: TestDatabase;
let portal: Awaited<ReturnType<typeof startTestPortal>>;
// The names the assertions read: the provider module and the portal's address.
let server: { oidc: Awaited<ReturnType<typeof startTestPortal>>['app']['oidc']; base: string };
let clientId: string;
let clientSecret: string;

const configFor = async (id: string, secret: string) => {
  const config = await client.discovery(new URL(`${server.oidc.issuer}`), id, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  return config;
};

/** The OAuth error code, whether it came in the body or in a WWW-Authenticate challenge. */
const oauthError = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (err) {
    const e = err as { error?: string; cause?: Array<{ parameters?: { error?: string } }> };
    return e.error ?? e.cause?.[0]?.parameters?.error ?? 'unknown';
  }
  return 'no error';
};

beforeAll(async () => {
  portal = await startTestPortal();
  database = portal.database;
  server = { oidc: portal.app.oidc, base: portal.base };
  ({ clientId, clientSecret } = await server.oidc.clients.register({ name: 'Hệ thống một cửa tỉnh Thử nghiệm', grants: ['client_credentials'], scopes: ['api:sync'] }));
});

afterAll(async () => {
  await portal?.close();
});

describe('client_credentials for agency systems', () => {
  it('publishes discovery and a JWKS without private parts', async () => {
    const discovery = (await (await fetch(`${server.oidc.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(server.oidc.issuer);
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });

  it('issues a signed JWT for the API audience that a protected API accepts', async () => {
    const config = await configFor(clientId, clientSecret);
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:sync' });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    const me = await fetch(`${server.base}/api/v1/clients/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ clientId, scopes: ['api:sync'] });
    // Structured tokens are checked by the API itself (no database round trip), not introspected.
    expect(await oauthError(client.tokenIntrospection(config, tokens.access_token))).toBe('unsupported_token_type');
    // The grant is in the audit trail: which client, no person, from where.
    await server.oidc.settleGrantAudits();
    const { rows } = await database.pool.query("SELECT account_id, ip, details FROM identity_audit WHERE action = 'oidc.token_granted' AND details->>'clientId' = $1", [clientId]);
    expect(rows).toEqual([{ account_id: null, ip: expect.stringMatching(/127\.0\.0\.1/), details: { clientId, grantType: 'client_credentials', scope: 'api:sync' } }]);
  });

  it('refuses a wrong secret, a rotated secret, a disabled client and a scope the client does not have', async () => {
    expect(await oauthError(client.clientCredentialsGrant(await configFor(clientId, 'not-the-secret')))).toBe('invalid_client');
    expect(await oauthError(client.clientCredentialsGrant(await configFor(clientId, clientSecret), { scope: 'api:payments' }))).toBe('invalid_scope');

    const other = await server.oidc.clients.register({ name: 'Hệ thống thứ hai', grants: ['client_credentials'], scopes: ['api:sync'] });
    const rotated = await server.oidc.clients.rotateSecret(other.clientId);
    expect(await oauthError(client.clientCredentialsGrant(await configFor(other.clientId, other.clientSecret)))).toBe('invalid_client');
    await expect(client.clientCredentialsGrant(await configFor(other.clientId, rotated.clientSecret))).resolves.toHaveProperty('access_token');

    await server.oidc.clients.setDisabled(other.clientId, true);
    expect(await oauthError(client.clientCredentialsGrant(await configFor(other.clientId, rotated.clientSecret)))).toBe('invalid_client');
  });

  it('answers a protected API without or with a bad token with a 401 problem', async () => {
    const none = await fetch(`${server.base}/api/v1/clients/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'IDENTITY_TOKEN_MISSING' });
    const tokens = await client.clientCredentialsGrant(await configFor(clientId, clientSecret), { scope: 'api:sync' });
    const [h, p, s] = tokens.access_token.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -4)}AAAA`;
    const bad = await fetch(`${server.base}/api/v1/clients/me`, { headers: { authorization: `Bearer ${tampered}` } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'IDENTITY_TOKEN_INVALID' });
  });
});
