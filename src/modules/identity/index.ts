/** Public API of the identity module: accounts, sessions, login pages and the authorization policy. */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createSecretBox } from '../../platform/crypto/secret-box.ts';
import { createCsrf } from '../../platform/http/csrf.ts';
import { createCookieSigner } from '../../platform/http/session-cookie.ts';
import type { HttpServer } from '../../platform/http/server.ts';
import { createArgon2Hasher } from './adapters/argon2.ts';
import { createAccountService } from './account.service.ts';
import { createContactChangeService } from './contact-change.service.ts';
import { createEidClient, type EidSettings } from './eid/index.ts';
import { createEidLoginService } from './eid-login.service.ts';
import type { AdminUnitLookup, IdentityDeps } from './identity-deps.types.ts';
import type { IdentityTables } from './identity.tables.ts';
import { createLoginService } from './login.service.ts';
import type { PasswordHasher } from './password-hasher.port.ts';
import { createPasswordResetService } from './password-reset.service.ts';
import { createProfileService } from './profile.service.ts';
import { createRegistrationService } from './registration.service.ts';
import { createSessionService } from './session.service.ts';
import { createTwoFactorService } from './two-factor.service.ts';
import { actorOf } from './authorization.policy.ts';
import { registerIdentityPages } from './web/identity.pages.ts';
import { claimsOf } from './oidc/oidc-claims.presenter.ts';
import type { OidcModule } from './oidc/oidc.module.ts';
import type { PageRenderer } from './oidc/oidc-provider.factory.ts';
import { SESSION_COOKIE } from './web/session.hooks.ts';
import { createEidLoginPages } from './web/eid/eid-login.page.ts';
import { createWebKit } from './web/session.hooks.ts';

export { IDENTITY_ERRORS, type IdentityErrorCode } from './identity.errors.ts';
export { OIDC_ERRORS } from './oidc/oidc.errors.ts';
export { oidcMessages } from './oidc/web/oidc.messages.ts';
export { EID_ERRORS, resolveEidSettings, type EidSettings } from './eid/index.ts';
export type { EidLoginService } from './eid-login.service.ts';
export { createOidcClientService, type OidcClientService } from './oidc/oidc-client.service.ts';
export { runOidcClientCommand, OIDC_CLIENT_USAGE } from './oidc/oidc-client.cli.ts';
export type { OidcModule } from './oidc/oidc.module.ts';
export { identityMessages } from './web/identity.messages.ts';
export type { WebKit } from './web/session.hooks.ts';
/** RFC 6238 codes, as an authenticator app computes them (for tools and tests that act as a person). */
export { decodeBase32, totp } from './totp.workflow.ts';
export { ACTIONS, OFFICIAL_ROLES, actorOf, agenciesWhere, can, isOfficialRole, type Action, type Actor, type OfficialRole, type Resource } from './authorization.policy.ts';
export { checkIdNumber, readIdNumber, type IdNumberProblem, type Sex } from './id-number.workflow.ts';
export { normaliseEmail, normalisePhone, parseContact } from './contact.workflow.ts';
export { ACCOUNT_TYPE_CODE, ACR, type Account, type AccountType, type Profile, type Session } from './account.types.ts';
export { presentAccount } from './account.presenter.ts';
export { ACCOUNT_USAGE, runAccountCommand, UsageError as AccountUsageError } from './account.cli.ts';
export { ARGON2_PARAMETERS } from './adapters/argon2.ts';
export type { AddAccountInput, OfficialSummary } from './account.service.ts';
export type { AdminUnitLookup } from './identity-deps.types.ts';

export interface IdentityModuleDeps {
  db: Kysely<any>;
  logger: Logger;
  /** SESSION_SECRET (or the development secret): signs cookies, keys token and code digests. */
  secret: string;
  secureCookies: boolean;
  units: AdminUnitLookup;
  now?: () => Date;
  hasher?: PasswordHasher;
  /**
   * The national e-ID (`resolveEidSettings(env)`) and the portal's public URL its callback is registered on;
   * settings null or absent = /dang-nhap/dinh-danh says it is not connected yet.
   */
  eid?: { settings: EidSettings | null; publicUrl: string };
}

/** Accounts, sessions and their pages (component C2, without the OIDC provider and e-ID federation). */
export function createIdentityModule(deps: IdentityModuleDeps) {
  const signer = createCookieSigner(deps.secret);
  const core: IdentityDeps = {
    db: deps.db as Kysely<IdentityTables>,
    now: deps.now ?? (() => new Date()),
    hasher: deps.hasher ?? createArgon2Hasher(),
    digest: signer.digest,
    units: deps.units,
    logger: deps.logger,
    box: createSecretBox(deps.secret, 'identity-totp'),
  };
  // The SSO provider, once a web process creates it: logouts here end the portals' sessions too.
  let oidc: OidcModule | null = null;
  const baseSessions = createSessionService(core);
  const sessions: typeof baseSessions = {
    ...baseSessions,
    async revokeAll(accountId, origin, reason) {
      const count = await baseSessions.revokeAll(accountId, origin, reason);
      await oidc?.endAllSessionsFor(accountId);
      return count;
    },
  };
  const services = {
    accounts: createAccountService(core),
    profiles: createProfileService(core),
    contacts: createContactChangeService(core),
    registration: createRegistrationService(core),
    login: createLoginService(core, sessions),
    passwordReset: createPasswordResetService(core),
    sessions,
    twoFactor: createTwoFactorService(core),
  };
  const kit = createWebKit({ signer, csrf: createCsrf(deps.secret), secureCookies: deps.secureCookies });
  const eidLogin = createEidLoginService(core, sessions);
  const eid = deps.eid?.settings ? { settings: deps.eid.settings, publicUrl: deps.eid.publicUrl } : null;
  return {
    ...services,
    /** Log in with the national e-ID: link or create the account, open the session (web/eid/ calls it). */
    eidLogin,
    /** Session cookie, CSRF tokens and flow cookies, for other modules' forms (checkCsrf, csrfToken). */
    web: kit,
    registerRoutes(app: HttpServer) {
      const eidPages = eid
        ? createEidLoginPages(kit, { client: createEidClient(eid.settings), issuer: eid.settings.issuer, publicUrl: eid.publicUrl, eidLogin, now: core.now })
        : null;
      registerIdentityPages(app, kit, {
        ...services,
        units: deps.units,
        eidLogin: eidPages?.start,
        eidLinked: eidPages ? async (accountId) => (await eidLogin.listLinks(accountId)).length > 0 : undefined,
      });
      eidPages?.registerCallback(app);
    },
    /** OpenDVC as the OpenID Provider of agency portals (web processes only: it loads signing keys). */
    async createOidc(options: { publicUrl: string; logger: Logger; renderPage?: PageRenderer }): Promise<OidcModule> {
      // Loaded on demand: command-line tools never need the provider (nor its runtime warning).
      const { createOidcModule } = await import('./oidc/oidc.module.ts');
      oidc = await createOidcModule({
        renderPage: options.renderPage,
        onEndSession: async (cookieHeader) => {
          const token = signer.unsign(SESSION_COOKIE, readCookie(cookieHeader, SESSION_COOKIE));
          const current = token ? await sessions.resolve(token) : null;
          if (current) await sessions.logout(current.session, { ip: 'oidc-provider', userAgent: 'end_session (logout started by a portal)' });
        },
        db: deps.db,
        appSecret: deps.secret,
        publicUrl: options.publicUrl,
        secureCookies: deps.secureCookies,
        allowInsecureLocalhost: !deps.secureCookies,
        logger: options.logger,
        accounts: {
          claims: async (accountId) => {
            const account = await services.accounts.findAccount(accountId);
            return account && account.status === 'active' ? claimsOf(account, deps.units) : null;
          },
        },
        interactions: {
          signedIn: (request) =>
            request.identity?.session.stage === 'active' ? { accountId: request.identity.account.id, acr: request.identity.session.acr } : null,
          csrfToken: (request, reply) => kit.csrfToken(request, reply),
          checkCsrf: (request) => kit.checkCsrf(request),
        },
        clientAdmin: {
          signedInActor: (request) => (request.identity?.session.stage === 'active' ? actorOf(request.identity.account) : null),
          csrfToken: (request, reply) => kit.csrfToken(request, reply),
          checkCsrf: (request) => kit.checkCsrf(request),
        },
      });
      return oidc;
    },
  };
}

export type IdentityModule = ReturnType<typeof createIdentityModule>;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
