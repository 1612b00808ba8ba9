import type { RouteHandlerMethod } from 'fastify';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { AdminUnitLookup } from '../identity-deps.types.ts';
import type { ContactChangeService } from '../contact-change.service.ts';
import type { LoginService } from '../login.service.ts';
import type { PasswordResetService } from '../password-reset.service.ts';
import type { ProfileService } from '../profile.service.ts';
import type { RegistrationService } from '../registration.service.ts';
import type { SessionService } from '../session.service.ts';
import type { TwoFactorService } from '../two-factor.service.ts';
import { registerLoginPages } from './login/login.page.ts';
import { registerPasswordResetPages } from './password-reset/password-reset.page.ts';
import { registerAddressPages } from './profile/address.page.ts';
import { registerContactPages } from './profile/contact.page.ts';
import { registerProfilePages } from './profile/profile.page.ts';
import { registerRegisterPages } from './register/register.page.ts';
import { registerSecondFactorPage } from './second-factor/second-factor.page.ts';
import { registerSecurityPages } from './security/security.page.ts';
import { registerSessionHooks, type WebKit } from './session.hooks.ts';
import { registerSessionsPages } from './sessions/sessions.page.ts';

export interface IdentityPageServices {
  profiles: ProfileService;
  contacts: ContactChangeService;
  registration: RegistrationService;
  login: LoginService;
  passwordReset: PasswordResetService;
  sessions: SessionService;
  twoFactor: TwoFactorService;
  units: AdminUnitLookup;
  eidLogin?: RouteHandlerMethod;
  /** With the e-ID connected: whether an account already has an e-ID identity linked (the security page offers to connect one). */
  eidLinked?: (accountId: string) => Promise<boolean>;
}

/** Account pages, one folder each: register, login, second factor, password reset, profile, sessions, security. */
export function registerIdentityPages(app: HttpServer, kit: WebKit, s: IdentityPageServices): void {
  registerSessionHooks(app, kit, s.sessions);
  registerRegisterPages(app, kit, s.registration);
  registerLoginPages(app, kit, s.login, s.sessions, s.eidLogin);
  registerSecondFactorPage(app, kit, s.twoFactor);
  registerPasswordResetPages(app, kit, s.passwordReset);
  registerProfilePages(app, kit, s.profiles, s.units);
  registerAddressPages(app, kit, s.profiles, s.units);
  registerContactPages(app, kit, s.contacts);
  registerSessionsPages(app, kit, s.sessions);
  registerSecurityPages(app, kit, s.twoFactor, s.eidLinked);
}
