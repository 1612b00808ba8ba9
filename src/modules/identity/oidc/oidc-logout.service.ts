import { sql, type Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { destroyGrant, destroyPayload } from './oidc-store.repo.ts';
import type { OidcTables } from './oidc.tables.ts';

interface StoredSession {
  id: string;
  payload: { accountId?: string; authorizations?: Record<string, { sid?: string; grantId?: string }> };
}

/**
 * Ends a person's single sign-on sessions on the server, without their browser: every portal they
 * entered gets a back-channel logout, its grant (and so its tokens) is revoked, and the session
 * is deleted. Used for "log out everywhere" and after a password reset.
 */
export async function endAllSessionsFor(db: Kysely<OidcTables>, provider: Provider, accountId: string, logger: Logger): Promise<number> {
  const rows = await sql<StoredSession>`
    SELECT id, payload FROM identity_oidc_payload
    WHERE model = 'Session' AND payload->>'accountId' = ${accountId}`.execute(db);
  for (const session of rows.rows) {
    for (const [clientId, { sid, grantId }] of Object.entries(session.payload.authorizations ?? {})) {
      // backchannelLogout is the provider's own sender (signed logout token), missing from its types.
      const client = (await provider.Client.find(clientId)) as
        | { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> }
        | undefined;
      if (client?.backchannelLogoutUri && sid) {
        // One portal that does not answer must not keep the person logged in elsewhere.
        await client.backchannelLogout(accountId, sid).catch((err: Error) => logger.warn({ err: err.message, clientId }, 'back-channel logout failed'));
      }
      if (grantId) await destroyGrant(db, grantId);
    }
    await destroyPayload(db, 'Session', session.id);
  }
  return rows.rows.length;
}
