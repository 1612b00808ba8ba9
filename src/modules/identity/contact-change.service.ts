/**
 * Adding or changing the e-mail or phone of a signed-in account, proven by a code sent to the new
 * address. An address already used by another account gets a decoy flow (no code), so this page
 * cannot be used to find out who is registered.
 */
import * as accounts from './account.repo.ts';
import type { Origin } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { maskContact, parseContact } from './contact.workflow.ts';
import type { FieldError, IdentityDeps } from './identity-deps.types.ts';
import { checkCode, issueCode } from './verification-code.service.ts';

export function createContactChangeService(deps: IdentityDeps) {
  const codeDeps = { now: deps.now, digest: deps.digest };
  return {
    /** Sends a code to the new address. Field errors as values. */
    async request(input: { accountId: string; contact: string; locale: 'vi' | 'en'; origin: Origin }): Promise<{ ok: true; flowId: string; masked: string } | { ok: false; errors: FieldError[] }> {
      const contact = parseContact(input.contact);
      if (!contact) return { ok: false, errors: [{ field: 'contact', messageKey: input.contact.trim() ? 'identity.register.errors.contactInvalid' : 'identity.register.errors.contactMissing' }] };
      const issued = await deps.db.transaction().execute(async (tx) => {
        const holder = await accounts.findAccountByContact(tx, contact);
        if (holder?.id === input.accountId) return { same: true as const };
        const free = !holder || holder.status === 'pending';
        const result = await issueCode(tx, codeDeps, { purpose: 'contact_change', contact, accountId: free ? input.accountId : null, locale: input.locale });
        await appendAudit(tx, { action: 'contact.change_requested', accountId: input.accountId, origin: input.origin, details: { channel: contact.channel, free } });
        return result;
      });
      if ('same' in issued) return { ok: false, errors: [{ field: 'contact', messageKey: 'identity.contact.errors.same' }] };
      if (!issued.issued) return { ok: false, errors: [{ field: 'contact', messageKey: 'identity.code.errors.wait', params: { seconds: issued.retryAfterSeconds } }] };
      return { ok: true, flowId: issued.flowId, masked: maskContact(contact) };
    },

    /** Checks the code and stores the new address on the account that asked for it. */
    async confirm(input: { accountId: string; flowId: string; code: string; origin: Origin }): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
      const code = input.code.replace(/\s/g, '');
      if (!/^\d{6}$/.test(code)) return { ok: false, errors: [{ field: 'code', messageKey: 'identity.code.errors.format' }] };
      return deps.db.transaction().execute(async (tx) => {
        const check = await checkCode(tx, codeDeps, input.flowId, 'contact_change', code);
        if (!check.ok || check.accountId !== input.accountId) {
          await appendAudit(tx, { action: 'code.rejected', accountId: input.accountId, origin: input.origin, details: { purpose: 'contact_change', problem: check.ok ? 'other_account' : check.problem } });
          return { ok: false, errors: [{ field: 'code', messageKey: `identity.code.errors.${check.ok ? 'wrong' : check.problem}` }] };
        }
        const contact = check.channel === 'email' ? { channel: 'email' as const, value: check.destination } : { channel: 'sms' as const, value: check.destination };
        await accounts.setContact(tx, input.accountId, contact, deps.now());
        await appendAudit(tx, { action: 'contact.changed', accountId: input.accountId, origin: input.origin, details: { channel: contact.channel } });
        return { ok: true };
      });
    },
  };
}

export type ContactChangeService = ReturnType<typeof createContactChangeService>;
