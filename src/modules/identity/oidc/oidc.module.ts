import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createSecretBox, deriveSecret } from '../../../platform/crypto/secret-box.ts';
import { problemSchema } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import { createApiTokenVerifier, type ApiTokenVerifier } from './api-token.policy.ts';
import { createOidcClientService, type OidcClientService } from './oidc-client.service.ts';
import { auditTokenGrants } from './oidc-grant-audit.service.ts';
import { loadSigningKeys } from './oidc-keys.service.ts';
import { registerInteractionRoutes, type InteractionDeps } from './oidc-interactions.routes.ts';
import { endAllSessionsFor } from './oidc-logout.service.ts';
import { mountOidcProvider, OIDC_PREFIX } from './oidc-mount.ts';
import { createOidcProvider, type OidcAccountPort, type PageRenderer } from './oidc-provider.factory.ts';
import type { OidcTables } from './oidc.tables.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { registerClientPages, type ClientAdminDeps } from './web/clients/clients.page.ts';

export interface OidcModuleOptions {
  db: Kysely<OidcTables>;
  appSecret: string;
  /** The portal's public address, e.g. https://dichvucong.example.gov.vn */
  publicUrl: string;
  secureCookies: boolean;
  accounts: OidcAccountPort;
  logger: Logger;
  allowInsecureLocalhost: boolean;
  /** OpenDVC's own login and consent pages inside an authorization request. */
  interactions?: Omit<InteractionDeps, 'provider' | 'clients'>;
  /** The client registry pages for system admins (/quan-tri/ung-dung). */
  clientAdmin?: ClientAdminDeps;
  renderPage?: PageRenderer;
  onEndSession?: (cookieHeader: string | undefined) => Promise<void>;
}

export interface OidcModule {
  readonly issuer: string;
  readonly provider: Provider;
  readonly clients: OidcClientService;
  readonly verifyApiToken: ApiTokenVerifier;
  /** Back-channel logout from every portal and end of every SSO session of the account. */
  endAllSessionsFor(accountId: string): Promise<number>;
  /** Waits for the audit rows of token grants still being written (they never delay the token response). */
  settleGrantAudits(): Promise<void>;
  registerRoutes(app: HttpServer): Promise<void>;
}

/** The OpenID Provider for agency portals and systems, wired from its parts. */
export async function createOidcModule(options: OidcModuleOptions): Promise<OidcModule> {
  const issuer = `${options.publicUrl.replace(/\/$/, '')}${OIDC_PREFIX}`;
  const clients = createOidcClientService({
    db: options.db,
    box: createSecretBox(options.appSecret, 'oidc-client-secret'),
    allowInsecureLocalhost: options.allowInsecureLocalhost,
  });
  const { keys } = await loadSigningKeys(options.db, createSecretBox(options.appSecret, 'oidc-signing-key'), { rotateAfterDays: 90 });
  const provider = createOidcProvider({
    issuer,
    db: options.db,
    clients,
    accounts: options.accounts,
    signingKeys: keys,
    cookieKeys: [deriveSecret(options.appSecret, 'oidc-cookies')],
    secureCookies: options.secureCookies,
    logger: options.logger,
    renderPage: options.renderPage,
    onEndSession: options.onEndSession,
    allowLoopbackCalls: options.allowInsecureLocalhost,
  });
  const grantAudits = auditTokenGrants(provider, options.db as unknown as Kysely<IdentityTables>, options.logger);
  const verifyApiToken = createApiTokenVerifier({ issuer, signingKeys: keys });
  return {
    issuer,
    provider,
    clients,
    verifyApiToken,
    endAllSessionsFor: (accountId) => endAllSessionsFor(options.db, provider, accountId, options.logger),
    settleGrantAudits: grantAudits,
    async registerRoutes(app) {
      await mountOidcProvider(app, provider);
      if (options.interactions) registerInteractionRoutes(app, { ...options.interactions, provider, clients });
      if (options.clientAdmin) registerClientPages(app, clients, options.clientAdmin);
      app.get(
        '/api/v1/clients/me',
        {
          schema: {
            tags: ['identity'],
            summary: 'The agency system calling: checks a client_credentials access token',
            description: 'Send `Authorization: Bearer <token>` obtained from `/oidc/token` with `grant_type=client_credentials`.',
            security: [{ bearer: [] }],
            response: { 200: z.object({ clientId: z.string(), scopes: z.array(z.string()) }), 401: problemSchema, 403: problemSchema },
          },
        },
        async (request) => verifyApiToken(request.headers.authorization, null),
      );
    },
  };
}
