/**
 * Registration with a one-time code. The page answers the same for a new address, an unverified
 * one and an already-registered one (no account enumeration): only the owner of the address can
 * tell, because only a real registration sends a code.
 */
import { randomUUID } from 'node:crypto';
import * as accounts from './account.repo.ts';
import type { ApplicantType, Origin } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { maskContact, parseContact, type Contact } from './contact.workflow.ts';
import type { FieldError, IdentityDeps } from './identity-deps.types.ts';
import { checkPassword } from './password.workflow.ts';
import { checkCode, issueCode, type CodeCheck } from './verification-code.service.ts';

export type RegisterResult = { ok: true; flowId: string; masked: string } | { ok: false; errors: FieldError[] };

export function createRegistrationService(deps: IdentityDeps) {
  const codeDeps = { now: deps.now, digest: deps.digest };

  function validate(input: { type: string; contact: string; password: string }): { errors: FieldError[]; contact: Contact | null } {
    const errors: FieldError[] = [];
    if (!['citizen', 'business', 'organisation'].includes(input.type)) errors.push({ field: 'type', messageKey: 'identity.register.errors.typeMissing' });
    const contact = input.contact.trim() === '' ? null : parseContact(input.contact);
    if (input.contact.trim() === '') errors.push({ field: 'contact', messageKey: 'identity.register.errors.contactMissing' });
    else if (!contact) errors.push({ field: 'contact', messageKey: 'identity.register.errors.contactInvalid' });
    const problem = checkPassword(input.password, contact ? [contact.value] : []);
    if (problem) errors.push({ field: 'password', messageKey: `identity.password.errors.${problem}` });
    return { errors, contact };
  }

  return {
    /** Starts a registration; returns the flow the code page works on. Field errors as values. */
    async register(input: { type: string; contact: string; password: string; locale: 'vi' | 'en'; origin: Origin }): Promise<RegisterResult> {
      const { errors, contact } = validate(input);
      if (errors.length > 0 || !contact) return { ok: false, errors };
      // Hash before looking anything up, so every path costs the same.
      const passwordHash = await deps.hasher.hash(input.password);
      const type = input.type as ApplicantType;
      const issued = await deps.db.transaction().execute(async (tx) => {
        const existing = await accounts.findAccountByContact(tx, contact);
        let accountId: string | null = null;
        if (!existing) {
          accountId = randomUUID();
          await accounts.insertAccount(tx, { id: accountId, type, status: 'pending', email: contact.channel === 'email' ? contact.value : null, phone: contact.channel === 'sms' ? contact.value : null, passwordHash, locale: input.locale });
        } else if (existing.status === 'pending') {
          accountId = existing.id;
          await accounts.resetPendingAccount(tx, existing.id, passwordHash, input.locale, type);
        }
        const result = await issueCode(tx, codeDeps, { purpose: 'register', contact, accountId, locale: input.locale });
        await appendAudit(tx, { action: accountId ? 'register.started' : 'register.duplicate', accountId: accountId ?? existing?.id ?? null, origin: input.origin, details: { channel: contact.channel } });
        return result;
      });
      if (!issued.issued) return { ok: false, errors: [{ field: 'contact', messageKey: 'identity.code.errors.wait', params: { seconds: issued.retryAfterSeconds } }] };
      return { ok: true, flowId: issued.flowId, masked: maskContact(contact) };
    },

    /** Checks the code of a registration flow and activates the account. */
    async verify(input: { flowId: string; code: string; origin: Origin }): Promise<CodeCheck> {
      return deps.db.transaction().execute(async (tx) => {
        const check = await checkCode(tx, codeDeps, input.flowId, 'register', input.code.trim());
        if (check.ok) {
          await accounts.activateAccount(tx, check.accountId, deps.now());
          await appendAudit(tx, { action: 'register.completed', accountId: check.accountId, origin: input.origin, details: {} });
        } else {
          await appendAudit(tx, { action: 'code.rejected', origin: input.origin, details: { purpose: 'register', problem: check.problem } });
        }
        return check;
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
