/**
 * Password login with throttles that never tell whether an account exists: the same answer, the
 * same argon2 work (a dummy hash for unknown identifiers) and lockouts keyed by the identifier
 * typed, registered or not.
 */
import { ACR, type AccountWithSecrets, type Origin, type SessionStage } from './account.types.ts';
import * as accounts from './account.repo.ts';
import { appendAudit } from './audit.repo.ts';
import { parseContact } from './contact.workflow.ts';
import type { IdentityDeps } from './identity-deps.types.ts';
import type { SessionService } from './session.service.ts';
import * as throttle from './throttle.repo.ts';
import { THROTTLE_RULES } from './throttle.workflow.ts';

export type LoginResult =
  | { ok: true; token: string; stage: SessionStage; accountId: string }
  | { ok: false; problem: 'invalid' | 'locked' | 'malformed'; lockedUntil?: Date };

export function identifierKey(digest: IdentityDeps['digest'], identifier: string): string {
  return `id:${digest('throttle', identifier).toString('hex').slice(0, 40)}`;
}

/** Which session stage a correct password leads to: officials must have (or set up) a second factor. */
export function stageAfterPassword(account: Pick<AccountWithSecrets, 'type' | 'totpEnabled'>): SessionStage {
  if (account.totpEnabled) return 'second_factor';
  return account.type === 'official' ? 'second_factor_enrol' : 'active';
}

export function createLoginService(deps: IdentityDeps, sessionService: SessionService) {
  async function fail(key: string, origin: Origin, accountId: string | null, reason: string): Promise<LoginResult> {
    const now = deps.now();
    const idLock = await throttle.recordFailure(deps.db, key, THROTTLE_RULES.identifier, now);
    const ipLock = await throttle.recordFailure(deps.db, `ip:${origin.ip}`, THROTTLE_RULES.ip, now);
    await appendAudit(deps.db, { action: 'login.failed', accountId, origin, details: { reason } });
    const lock = idLock ?? ipLock;
    if (lock) {
      await appendAudit(deps.db, { action: 'login.lockout', accountId, origin, details: { scope: idLock ? 'identifier' : 'ip', until: lock.toISOString() } });
      deps.logger.warn({ scope: idLock ? 'identifier' : 'ip', ip: origin.ip }, 'login locked out after repeated failures');
    }
    return { ok: false, problem: 'invalid' };
  }

  return {
    /** Checks the password and opens a session (possibly waiting for the second factor). */
    async login(input: { identifier: string; password: string; origin: Origin }): Promise<LoginResult> {
      const contact = parseContact(input.identifier);
      if (!contact || input.password.length === 0 || input.password.length > 1024) return { ok: false, problem: 'malformed' };
      const key = identifierKey(deps.digest, contact.value);
      const locked = await throttle.lockedUntil(deps.db, [key, `ip:${input.origin.ip}`], deps.now());
      if (locked) {
        await appendAudit(deps.db, { action: 'login.refused_locked', origin: input.origin, details: {} });
        return { ok: false, problem: 'locked', lockedUntil: locked };
      }
      const account = await accounts.findAccountByContact(deps.db, contact);
      if (!account || account.status !== 'active' || !account.passwordHash) {
        await deps.hasher.verifyDummy(input.password);
        return fail(key, input.origin, account?.id ?? null, account ? `status_${account.status}` : 'unknown_identifier');
      }
      if (!(await deps.hasher.verify(account.passwordHash, input.password))) return fail(key, input.origin, account.id, 'wrong_password');
      await throttle.clearFailures(deps.db, key);
      const stage = stageAfterPassword(account);
      const opened = await deps.db.transaction().execute(async (tx) => {
        const session = await sessionService.open(tx, { accountId: account.id, stage, acr: ACR.password, origin: input.origin });
        await appendAudit(tx, { action: stage === 'active' ? 'login.succeeded' : 'login.password_accepted', accountId: account.id, origin: input.origin, details: { sessionId: session.id, stage } });
        return session;
      });
      return { ok: true, token: opened.token, stage, accountId: account.id };
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
