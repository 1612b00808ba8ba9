import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { createSecretBox } from '../../../platform/crypto/secret-box.ts';
import { createOidcClientService, type OidcClientService } from './oidc-client.service.ts';

let database: TestDatabase;
let clients: OidcClientService;

beforeAll(async () => {
  database = await createTestDatabase();
  clients = createOidcClientService({ db: database.db, box: createSecretBox('c'.repeat(40), 'oidc-client-secret'), allowInsecureLocalhost: false });
});
afterAll(async () => {
  await database?.drop();
});

describe('client registry', () => {
  it('registers a portal with its secret encrypted at rest', async () => {
    const { clientId, clientSecret } = await clients.register({
      name: 'Cổng dịch vụ công tỉnh Thử nghiệm',
      redirectUris: ['https://dvc.example.gov.vn/callback'],
      postLogoutRedirectUris: ['https://dvc.example.gov.vn/'],
      backchannelLogoutUri: 'https://dvc.example.gov.vn/backchannel',
      firstParty: true,
    });
    const row = await database.db.selectFrom('identity_oidc_client').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(clientSecret);
    const metadata = await clients.metadataForProvider(clientId);
    expect(metadata).toMatchObject({
      client_secret: clientSecret,
      redirect_uris: ['https://dvc.example.gov.vn/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      backchannel_logout_uri: 'https://dvc.example.gov.vn/backchannel',
      backchannel_logout_session_required: true,
    });
    expect(await clients.isFirstParty(clientId)).toBe(true);
    expect((await clients.list()).find((c) => c.clientId === clientId)).toMatchObject({ disabled: false, firstParty: true });
  });

  it('refuses bad registrations with IDENTITY_OIDC_CLIENT_INVALID', async () => {
    const invalid = { code: 'IDENTITY_OIDC_CLIENT_INVALID' };
    await expect(clients.register({ name: 'x', redirectUris: ['http://portal.example/cb'] })).rejects.toMatchObject(invalid);
    await expect(clients.register({ name: 'x', redirectUris: ['not a url'] })).rejects.toMatchObject(invalid);
    await expect(clients.register({ name: 'x', redirectUris: ['https://a.example/cb#frag'] })).rejects.toMatchObject(invalid);
    await expect(clients.register({ name: 'x' })).rejects.toMatchObject(invalid);
    await expect(clients.register({ name: '  ', redirectUris: ['https://a.example/cb'] })).rejects.toMatchObject(invalid);
    await expect(clients.register({ name: 'x', grants: ['client_credentials'], scopes: ['openid'] })).rejects.toMatchObject(invalid);
  });

  it('rotates secrets and disables clients; unknown clients are not found', async () => {
    const { clientId, clientSecret } = await clients.register({ name: 'Hệ thống', grants: ['client_credentials'] });
    const rotated = await clients.rotateSecret(clientId);
    expect(rotated.clientSecret).not.toBe(clientSecret);
    expect((await clients.metadataForProvider(clientId))!.client_secret).toBe(rotated.clientSecret);
    await clients.setDisabled(clientId, true);
    expect(await clients.metadataForProvider(clientId)).toBeUndefined();
    await clients.setDisabled(clientId, false);
    expect(await clients.metadataForProvider(clientId)).toBeDefined();
    await expect(clients.rotateSecret('dvc-missing')).rejects.toMatchObject({ code: 'IDENTITY_OIDC_CLIENT_NOT_FOUND' });
  });
});
