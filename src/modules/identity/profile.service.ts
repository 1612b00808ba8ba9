/** The owner edits their profile: personal details and addresses (what later prefills forms). */
import * as accounts from './account.repo.ts';
import type { Address, Origin } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { hasLink } from './eid-link.repo.ts';
import { checkIdNumber, type Sex } from './id-number.workflow.ts';
import type { FieldError, IdentityDeps } from './identity-deps.types.ts';

export interface ProfileInput {
  fullName: string;
  dateOfBirth: string;
  sex: string;
  idNumber: string;
}

const nfc = (v: string | undefined) => (v ?? '').normalize('NFC').trim();

export function createProfileService(deps: IdentityDeps) {
  return {
    /** Whether the account's ID number was confirmed by an e-ID (an e-ID identity is linked): it is then read-only. */
    isIdNumberConfirmed: (accountId: string): Promise<boolean> => hasLink(deps.db, accountId),

    /**
     * Validates and saves name, date of birth, sex and ID number. Field errors as values. An ID number
     * confirmed by the e-ID is kept whatever the form says: e-ID logins trust it to find the account.
     */
    async updateProfile(accountId: string, input: ProfileInput, origin: Origin): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
      const errors: FieldError[] = [];
      const fullName = nfc(input.fullName).replace(/\s+/g, ' ');
      const dateOfBirth = nfc(input.dateOfBirth);
      const confirmed = await hasLink(deps.db, accountId);
      const idNumber = confirmed ? ((await accounts.findAccount(deps.db, accountId))?.idNumber ?? '') : nfc(input.idNumber).replace(/\s/g, '');
      const sex = input.sex === 'male' || input.sex === 'female' ? (input.sex as Sex) : null;
      if (fullName.length > 100) errors.push({ field: 'fullName', messageKey: 'identity.profile.errors.nameTooLong' });
      if (dateOfBirth && !isPastDate(dateOfBirth, deps.now())) errors.push({ field: 'dateOfBirth', messageKey: 'identity.profile.errors.dateInvalid' });
      if (idNumber && !confirmed) {
        const problem = checkIdNumber(idNumber, { currentYear: deps.now().getUTCFullYear(), dateOfBirth: errors.length ? null : dateOfBirth || null, sex });
        if (problem) errors.push({ field: 'idNumber', messageKey: `identity.profile.errors.idNumber.${problem}` });
        else {
          const holder = await accounts.findAccountIdByIdNumber(deps.db, idNumber);
          if (holder && holder !== accountId) errors.push({ field: 'idNumber', messageKey: 'identity.profile.errors.idNumber.taken' });
        }
      }
      if (errors.length > 0) return { ok: false, errors };
      await deps.db.transaction().execute(async (tx) => {
        await accounts.updateProfile(tx, accountId, { fullName: fullName || null, dateOfBirth: dateOfBirth || null, sex, idNumber: idNumber || null }, deps.now());
        await appendAudit(tx, { action: 'profile.updated', accountId, origin, details: {} });
      });
      return { ok: true };
    },

    /** Saves an address through the 2025 administrative units: the commune must belong to the province. */
    async updateAddress(accountId: string, kind: 'permanent' | 'current', input: { provinceCode: string; communeCode: string; street: string }, origin: Origin): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
      const communes = await deps.units.listCommunes(input.provinceCode).catch(() => null);
      const errors: FieldError[] = [];
      if (!communes) errors.push({ field: 'provinceCode', messageKey: 'identity.address.errors.province' });
      else if (!communes.some((c) => c.code === input.communeCode)) errors.push({ field: 'communeCode', messageKey: 'identity.address.errors.commune' });
      const street = nfc(input.street).replace(/\s+/g, ' ');
      if (street.length > 200) errors.push({ field: 'street', messageKey: 'identity.address.errors.streetTooLong' });
      if (errors.length > 0) return { ok: false, errors };
      const address: Address = { provinceCode: input.provinceCode, communeCode: input.communeCode, street: street || null };
      await deps.db.transaction().execute(async (tx) => {
        await accounts.updateAddress(tx, accountId, kind, address, deps.now());
        await appendAudit(tx, { action: 'profile.address_updated', accountId, origin, details: { kind } });
      });
      return { ok: true };
    },
  };
}

function isPastDate(value: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date <= now && date.getUTCFullYear() >= 1900;
}

export type ProfileService = ReturnType<typeof createProfileService>;
