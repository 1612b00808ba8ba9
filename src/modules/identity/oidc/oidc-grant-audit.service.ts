/**
 * Token grants to clients in the audit trail (issue: "token grants to clients — who, when, from
 * where"): every successful token endpoint grant (authorization code, refresh, client_credentials)
 * appends `oidc.token_granted`. The provider emits the event synchronously before it sends the token,
 * so the write runs on its own and a failure is logged, never passed to the token response.
 */
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import { appendAudit } from '../audit.repo.ts';
import type { IdentityTables } from '../identity.tables.ts';

type Entities = Record<string, { accountId?: string; scope?: string } | undefined>;

/** Subscribes the audit writer to `grant.success`; returns a function that waits for writes under way (tests, shutdown). */
export function auditTokenGrants(provider: Provider, db: Kysely<IdentityTables>, logger: Logger): () => Promise<void> {
  const pending = new Set<Promise<void>>();
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    try {
      const entities = ctx.oidc.entities as unknown as Entities;
      const accountId = entities.Account?.accountId ?? entities.Grant?.accountId ?? null;
      const grantType = String(ctx.oidc.params?.grant_type ?? 'unknown');
      const clientId = ctx.oidc.client?.clientId ?? null;
      const scope = entities.ClientCredentials?.scope ?? entities.AccessToken?.scope ?? null;
      const write = appendAudit(db, {
        action: 'oidc.token_granted',
        accountId,
        origin: { ip: ctx.ip, userAgent: ctx.get('user-agent') || null },
        details: { clientId, grantType, scope },
      })
        .catch((err: Error) => logger.error({ err: { name: err.name, message: err.message }, clientId, grantType }, 'audit of a token grant failed'))
        .finally(() => pending.delete(write));
      pending.add(write);
    } catch (err) {
      logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'audit of a token grant failed');
    }
  });
  return async () => {
    await Promise.all([...pending]);
  };
}
