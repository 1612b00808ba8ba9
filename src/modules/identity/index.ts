/** Public API of the identity module: accounts, sessions, login pages and the authorization policy. */
import type { RouteHandlerMethod } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createSecretBox } from '../../platform/crypto/secret-box.ts';
import { createCsrf } from '../../platform/http/csrf.ts';
import { createCookieSigner } from '../../platform/http/session-cookie.ts';
import type { HttpServer } from '../../platform/http/server.ts';
import { createArgon2Hasher } from './adapters/argon2.ts';
import { createAccountService } from './account.service.ts';
import { createContactChangeService } from './contact-change.service.ts';
import type { AdminUnitLookup, IdentityDeps } from './identity-deps.types.ts';
import type { IdentityTables } from './identity.tables.ts';
import { createLoginService } from './login.service.ts';
import type { PasswordHasher } from './password-hasher.port.ts';
import { createPasswordResetService } from './password-reset.service.ts';
import { createProfileService } from './profile.service.ts';
import { createRegistrationService } from './registration.service.ts';
import { createSessionService } from './session.service.ts';
import { createTwoFactorService } from './two-factor.service.ts';
import { registerIdentityPages } from './web/identity.pages.ts';
import { createWebKit } from './web/session.hooks.ts';

export { IDENTITY_ERRORS, type IdentityErrorCode } from './identity.errors.ts';
export { identityMessages } from './web/identity.messages.ts';
export { ACTIONS, OFFICIAL_ROLES, actorOf, agenciesWhere, can, isOfficialRole, type Action, type Actor, type OfficialRole, type Resource } from './authorization.policy.ts';
export { checkIdNumber, readIdNumber, type IdNumberProblem, type Sex } from './id-number.workflow.ts';
export { normaliseEmail, normalisePhone, parseContact } from './contact.workflow.ts';
export { ACCOUNT_TYPE_CODE, ACR, type Account, type AccountType, type Profile, type Session } from './account.types.ts';
export { presentAccount } from './account.presenter.ts';
export { ACCOUNT_USAGE, runAccountCommand, UsageError as AccountUsageError } from './account.cli.ts';
export { ARGON2_PARAMETERS } from './adapters/argon2.ts';
export type { AddAccountInput } from './account.service.ts';
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
  /** GET /dang-nhap/dinh-danh: starts the national e-ID login (eid/); unset = a page saying it is not connected yet. */
  eidLogin?: RouteHandlerMethod;
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
  const sessions = createSessionService(core);
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
  return {
    ...services,
    /** Session cookie, CSRF tokens and flow cookies, for other modules' forms (checkCsrf, csrfToken). */
    web: kit,
    registerRoutes(app: HttpServer) {
      registerIdentityPages(app, kit, { ...services, units: deps.units, eidLogin: deps.eidLogin });
    },
  };
}

export type IdentityModule = ReturnType<typeof createIdentityModule>;
