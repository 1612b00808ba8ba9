/** Password reset by one-time code. Unknown addresses get a decoy flow: the same pages, no code sent. */
import { publishEvent } from '../../platform/events/events.ts';
import * as accounts from './account.repo.ts';
import type { Origin } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { maskContact, parseContact, phoneToE164 } from './contact.workflow.ts';
import type { FieldError, IdentityDeps } from './identity-deps.types.ts';
import { identifierKey } from './login.service.ts';
import { checkPassword } from './password.workflow.ts';
import * as sessions from './session.repo.ts';
import * as throttle from './throttle.repo.ts';
import { checkCode, issueCode } from './verification-code.service.ts';

export function createPasswordResetService(deps: IdentityDeps) {
  const codeDeps = { now: deps.now, digest: deps.digest };
  return {
    /** Sends a reset code when the address belongs to an active account; always answers with a flow. */
    async request(input: { identifier: string; locale: 'vi' | 'en'; origin: Origin }): Promise<{ ok: true; flowId: string; masked: string } | { ok: false; errors: FieldError[] }> {
      const contact = parseContact(input.identifier);
      if (!contact) return { ok: false, errors: [{ field: 'contact', messageKey: input.identifier.trim() ? 'identity.register.errors.contactInvalid' : 'identity.register.errors.contactMissing' }] };
      const issued = await deps.db.transaction().execute(async (tx) => {
        const account = await accounts.findAccountByContact(tx, contact);
        const accountId = account && account.status === 'active' ? account.id : null;
        const result = await issueCode(tx, codeDeps, { purpose: 'password_reset', contact, accountId, locale: account?.locale ?? input.locale });
        await appendAudit(tx, { action: 'password_reset.requested', accountId, origin: input.origin, details: { known: accountId !== null } });
        return result;
      });
      if (!issued.issued) return { ok: false, errors: [{ field: 'contact', messageKey: 'identity.code.errors.wait', params: { seconds: issued.retryAfterSeconds } }] };
      return { ok: true, flowId: issued.flowId, masked: maskContact(contact) };
    },

    /** Sets the new password when the code is right; ends every session of the account. */
    async complete(input: { flowId: string; code: string; password: string; origin: Origin }): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
      const problem = checkPassword(input.password);
      const errors: FieldError[] = [];
      if (!/^\d{6}$/.test(input.code.trim())) errors.push({ field: 'code', messageKey: 'identity.code.errors.format' });
      if (problem) errors.push({ field: 'password', messageKey: `identity.password.errors.${problem}` });
      if (errors.length > 0) return { ok: false, errors };
      const passwordHash = await deps.hasher.hash(input.password);
      return deps.db.transaction().execute(async (tx) => {
        const check = await checkCode(tx, codeDeps, input.flowId, 'password_reset', input.code.trim());
        if (!check.ok) {
          await appendAudit(tx, { action: 'code.rejected', origin: input.origin, details: { purpose: 'password_reset', problem: check.problem } });
          return { ok: false, errors: [{ field: 'code', messageKey: `identity.code.errors.${check.problem}` }] };
        }
        const account = await accounts.findAccount(tx, check.accountId);
        await accounts.setPasswordHash(tx, check.accountId, passwordHash, deps.now());
        const revoked = await sessions.revokeSessions(tx, check.accountId, deps.now());
        await throttle.clearFailures(tx, identifierKey(deps.digest, check.destination));
        await publishEvent(tx, 'identity.password_changed', {
          channel: check.channel,
          to: check.channel === 'sms' ? phoneToE164(check.destination) : check.destination,
          locale: account?.locale ?? 'vi',
        });
        await appendAudit(tx, { action: 'password_reset.completed', accountId: check.accountId, origin: input.origin, details: { sessionsRevoked: revoked.length } });
        return { ok: true };
      });
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
