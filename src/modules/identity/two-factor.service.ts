/** TOTP two-factor: set-up with a pending secret, the login step, and switching it off (not for officials). */
import * as accounts from './account.repo.ts';
import { ACR, type AccountWithSecrets, type Origin, type Session } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { rankAssuranceLevel } from './eid/index.ts';
import type { IdentityDeps } from './identity-deps.types.ts';
import * as sessions from './session.repo.ts';
import * as throttle from './throttle.repo.ts';
import { THROTTLE_RULES } from './throttle.workflow.ts';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.workflow.ts';

export const TOTP_ISSUER = 'OpenDVC';

export type TotpProblem = 'wrong' | 'locked' | 'format';

const lockKey = (accountId: string) => `totp:${accountId}`;

/**
 * The session's `acr` once the second factor is passed: an e-ID level (an official who logged in with
 * the e-ID) stays, since procedures demand e-ID levels and a TOTP code adds nothing they can rank;
 * after a password it becomes password+TOTP.
 */
export function acrAfterSecondFactor(current: string): string {
  return rankAssuranceLevel(current) > 0 ? current : ACR.passwordTotp;
}

/** Checks a code against a secret under the per-account lock; counts a failure when wrong. */
async function checkTotp(deps: IdentityDeps, account: AccountWithSecrets, secret: string, code: string): Promise<{ step: number } | { problem: TotpProblem }> {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return { problem: 'format' };
  if (await throttle.lockedUntil(deps.db, [lockKey(account.id)], deps.now())) return { problem: 'locked' };
  const step = verifyTotp(secret, clean, deps.now(), { lastUsedStep: account.totpLastStep });
  if (step === null) {
    const locked = await throttle.recordFailure(deps.db, lockKey(account.id), THROTTLE_RULES.secondFactor, deps.now());
    return { problem: locked ? 'locked' : 'wrong' };
  }
  return { step };
}

export function createTwoFactorService(deps: IdentityDeps) {
  return {
    /** The secret being set up (created on first call) and its otpauth:// URI. */
    async startEnrolment(account: AccountWithSecrets): Promise<{ secret: string; uri: string }> {
      let secret = account.totpPendingSecret ? deps.box.open(account.totpPendingSecret) : null;
      if (!secret) {
        secret = generateTotpSecret();
        await accounts.setTotp(deps.db, account.id, { pending: deps.box.seal(secret) });
      }
      return { secret, uri: otpauthUri(secret, TOTP_ISSUER, account.email ?? account.phone ?? account.id) };
    },

    /** Confirms set-up with a first code; a session waiting for enrolment becomes active. */
    async confirmEnrolment(account: AccountWithSecrets, code: string, origin: Origin, session?: Session): Promise<{ ok: true } | { ok: false; problem: TotpProblem }> {
      if (!account.totpPendingSecret) return { ok: false, problem: 'wrong' };
      const result = await checkTotp(deps, account, deps.box.open(account.totpPendingSecret), code);
      if ('problem' in result) return { ok: false, problem: result.problem };
      await deps.db.transaction().execute(async (tx) => {
        await accounts.setTotp(tx, account.id, { secret: account.totpPendingSecret, pending: null, lastStep: result.step, enabledAt: deps.now() });
        if (session && session.stage !== 'active') await sessions.promoteSession(tx, session.id, acrAfterSecondFactor(session.acr));
        await appendAudit(tx, { action: 'two_factor.enabled', accountId: account.id, origin, details: {} });
      });
      await throttle.clearFailures(deps.db, lockKey(account.id));
      return { ok: true };
    },

    /** The login step: a correct, unused code turns the waiting session into an active one. */
    async verifyLogin(account: AccountWithSecrets, session: Session, code: string, origin: Origin): Promise<{ ok: true } | { ok: false; problem: TotpProblem }> {
      if (!account.totpSecret || session.stage !== 'second_factor') return { ok: false, problem: 'wrong' };
      const result = await checkTotp(deps, account, deps.box.open(account.totpSecret), code);
      if ('problem' in result) {
        await appendAudit(deps.db, { action: 'login.second_factor_failed', accountId: account.id, origin, details: { problem: result.problem } });
        return { ok: false, problem: result.problem };
      }
      const claimed = await deps.db.transaction().execute(async (tx) => {
        if (!(await accounts.claimTotpStep(tx, account.id, result.step))) return false;
        await sessions.promoteSession(tx, session.id, acrAfterSecondFactor(session.acr));
        await appendAudit(tx, { action: 'login.succeeded', accountId: account.id, origin, details: { sessionId: session.id, secondFactor: 'totp' } });
        return true;
      });
      if (!claimed) return { ok: false, problem: 'wrong' };
      await throttle.clearFailures(deps.db, lockKey(account.id));
      return { ok: true };
    },

    /** Switches two-factor off after a valid code. Officials may not: it is required for staff. */
    async disable(account: AccountWithSecrets, code: string, origin: Origin): Promise<{ ok: true } | { ok: false; problem: TotpProblem | 'required' }> {
      if (account.type === 'official') return { ok: false, problem: 'required' };
      if (!account.totpSecret) return { ok: true };
      const result = await checkTotp(deps, account, deps.box.open(account.totpSecret), code);
      if ('problem' in result) return { ok: false, problem: result.problem };
      await deps.db.transaction().execute(async (tx) => {
        await accounts.setTotp(tx, account.id, { secret: null, pending: null, lastStep: null, enabledAt: null });
        await appendAudit(tx, { action: 'two_factor.disabled', accountId: account.id, origin, details: {} });
      });
      return { ok: true };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
