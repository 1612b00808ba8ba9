import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import Provider, { errors, type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { OidcClientService } from './oidc-client.service.ts';
import { consumePayload, destroyGrant, destroyPayload, findPayload, upsertPayload } from './oidc-store.repo.ts';
import type { OidcTables } from './oidc.tables.ts';

/** Audience of the access tokens agency systems present to OpenDVC's own APIs. */
export const API_RESOURCE = 'urn:opendvc:api';
/** The scope of a person's dossiers (mobile apps, authorization code + PKCE): only ever granted by the person. */
export const PERSON_API_SCOPE = 'api:dossiers';

/** What the provider needs of the accounts (the identity services implement it). */
export interface OidcAccountPort {
  /** Every claim of the account; the provider keeps those the granted scopes allow. Null if gone. */
  claims(accountId: string): Promise<Record<string, unknown> | null>;
}

export interface OidcProviderOptions {
  issuer: string;
  db: Kysely<OidcTables>;
  clients: OidcClientService;
  accounts: OidcAccountPort;
  signingKeys: Array<Record<string, unknown>>;
  cookieKeys: string[];
  secureCookies: boolean;
  logger: Logger;
  /** OpenDVC's page layout for the provider's logout pages; without it the provider's plain ones. */
  renderPage?: PageRenderer;
  /** Called after a logout at the provider (e.g. started by a portal) with the browser's cookies. */
  onEndSession?: (cookieHeader: string | undefined) => Promise<void>;
  /** Outside production only: let back-channel logout reach portals on this machine (127.0.0.1). */
  allowLoopbackCalls?: boolean;
}

export type PageRenderer = (template: string, data: Record<string, unknown>, locale: 'vi' | 'en') => string;

/** Which claims each scope releases (OpenID Connect core §5.4 plus OpenDVC's own). */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'birthdate', 'gender', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  id_number: ['personal_id'],
  account_type: ['account_type'],
};

/** OpenDVC as the OpenID Provider of agency portals, built on the certified oidc-provider. */
export function createOidcProvider(options: OidcProviderOptions): Provider {
  const configuration: Configuration = {
    adapter: adapterClass(options.db, options.clients),
    findAccount: async (_ctx, sub) => {
      const claims = await options.accounts.claims(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
    claims: CLAIMS_BY_SCOPE,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'address', 'id_number', 'account_type', 'api:sync', 'api:payments', 'api:catalog', 'api:dossiers'],
    acrValues: ['urn:opendvc:loa:1', 'urn:opendvc:loa:2'],
    pkce: { required: () => true },
    jwks: { keys: options.signingKeys as never },
    cookies: {
      keys: options.cookieKeys,
      long: { signed: true, secure: options.secureCookies, sameSite: 'lax' },
      short: { signed: true, secure: options.secureCookies, sameSite: 'lax' },
    },
    interactions: { url: (_ctx, interaction) => `/dang-nhap/uy-quyen/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        ...(options.renderPage
          ? {
              logoutSource: async (ctx: KoaContextWithOIDC, form: string) => renderInto(ctx, options.renderPage!, 'identity/oidc/web/logout.njk', { form }, options.allowLoopbackCalls === true),
              postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => renderInto(ctx, options.renderPage!, 'identity/oidc/web/logged-out.njk', {}, options.allowLoopbackCalls === true),
            }
          : {}),
      },
      resourceIndicators: {
        enabled: true,
        // Agency systems get tokens for OpenDVC's APIs, and so do apps that ask for a person's dossiers
        // (api:dossiers); portals' tokens are for userinfo.
        defaultResource: (ctx: KoaContextWithOIDC) =>
          (ctx.oidc.params?.grant_type === 'client_credentials' || String(ctx.oidc.params?.scope ?? '').split(' ').includes(PERSON_API_SCOPE) ? API_RESOURCE : undefined) as never,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource, client) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          // A person's dossiers are reached only with that person's grant, never with a client's own token.
          const ownToken = ctx.oidc.params?.grant_type === 'client_credentials';
          const scope = (client.scope ?? '').split(' ').filter((s) => s.startsWith('api:') && !(ownToken && s === PERSON_API_SCOPE)).join(' ');
          return { scope, audience: API_RESOURCE, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    rotateRefreshToken: true,
    conformIdTokenClaims: true,
    // The provider refuses to call private and loopback addresses (SSRF protection); a developer's
    // or a test's portal on 127.0.0.1 is the one exception, and never in production.
    fetch: (url, init) => {
      const target = new URL(String(url));
      if (options.allowLoopbackCalls && ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
        const { dispatcher: _protected, ...rest } = init as RequestInit & { dispatcher?: unknown };
        return fetch(url, rest);
      }
      return fetch(url, init);
    },
    renderError: (ctx, out) => {
      // Own plain page: the provider's default includes inline styles our CSP forbids.
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi đăng nhập</title></head><body><main><h1>Lỗi đăng nhập</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p><p><a href="/">Về trang chủ</a></p></main></body></html>`;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = true;
  const report = (event: string) => (_ctx: unknown, err: Error) =>
    options.logger.warn({ err: { name: err.name, message: err.message }, event }, 'oidc provider error');
  provider.on('grant.error', report('grant.error'));
  provider.on('server_error', report('server_error'));
  provider.on('introspection.error', report('introspection.error'));
  provider.on('revocation.error', report('revocation.error'));
  provider.on('backchannel.error', report('backchannel.error'));
  if (options.onEndSession) {
    const end = options.onEndSession;
    // A portal's logout also ends the OpenDVC session of that browser.
    provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
      end(ctx.req.headers.cookie).catch((err: Error) => options.logger.warn({ err: err.message }, 'ending the portal session after an OIDC logout failed'));
    });
  }
  return provider;
}

function adapterClass(db: Kysely<OidcTables>, clients: OidcClientService) {
  return class PostgresOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') return;
      await upsertPayload(db, this.model, id, payload as Record<string, unknown>, expiresIn);
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      // Clients live in the registry, where secrets are encrypted and clients can be disabled.
      if (this.model === 'Client') return (await clients.metadataForProvider(id)) as AdapterPayload | undefined;
      return (await findPayload(db, this.model, 'id', id)) as AdapterPayload | undefined;
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return (await findPayload(db, this.model, 'uid', uid)) as AdapterPayload | undefined;
    }
    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return (await findPayload(db, this.model, 'user_code', userCode)) as AdapterPayload | undefined;
    }
    async consume(id: string): Promise<void> {
      await consumePayload(db, this.model, id);
    }
    async destroy(id: string): Promise<void> {
      await destroyPayload(db, this.model, id);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      await destroyGrant(db, grantId);
    }
  };
}

function renderInto(ctx: KoaContextWithOIDC, render: PageRenderer, template: string, data: Record<string, unknown>, loopback: boolean): void {
  const locale = /(?:^|;\s*)lang=en(?:;|$)/.test(ctx.req.headers.cookie ?? '') ? 'en' : 'vi';
  const cspNonce = randomBytes(16).toString('base64');
  ctx.set(
    'Content-Security-Policy',
    // The logout form's redirects end at the portal's post-logout address (see server.ts).
    `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'nonce-${cspNonce}'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https:${loopback ? ' http://localhost:* http://127.0.0.1:*' : ''}; frame-ancestors 'none'`,
  );
  ctx.type = 'html';
  ctx.body = render(template, { ...data, cspNonce }, locale);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
