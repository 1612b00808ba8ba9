import { ACCOUNT_TYPE_CODE, type Account, type Address } from '../account.types.ts';
import type { AdminUnitLookup } from '../identity-deps.types.ts';

/**
 * An account as OpenID Connect claims (names from OIDC Core §5.1, plus personal_id and
 * account_type). The provider releases only those the granted scopes allow (CLAIMS_BY_SCOPE).
 * Contacts count as verified: an account becomes active only after a code sent to its email or
 * phone was entered, or an operator created it.
 */
export async function claimsOf(account: Account, units: AdminUnitLookup): Promise<Record<string, unknown>> {
  const claims: Record<string, unknown> = {
    locale: account.locale,
    updated_at: Math.floor(account.createdAt.getTime() / 1000),
  };
  if (account.fullName) claims.name = account.fullName;
  if (account.dateOfBirth) claims.birthdate = account.dateOfBirth;
  if (account.sex) claims.gender = account.sex;
  if (account.email) Object.assign(claims, { email: account.email, email_verified: account.status === 'active' });
  if (account.phone) Object.assign(claims, { phone_number: account.phone, phone_number_verified: account.status === 'active' });
  if (account.idNumber) claims.personal_id = account.idNumber;
  if (account.type !== 'official') claims.account_type = ACCOUNT_TYPE_CODE[account.type];
  const address = await addressClaim(account.currentAddress.provinceCode ? account.currentAddress : account.permanentAddress, units);
  if (address) claims.address = address;
  return claims;
}

async function addressClaim(address: Address, units: AdminUnitLookup): Promise<Record<string, string> | null> {
  if (!address.provinceCode && !address.street) return null;
  const province = address.provinceCode ? (await units.listProvinces()).find((p) => p.code === address.provinceCode)?.name : undefined;
  const commune =
    address.provinceCode && address.communeCode ? (await units.listCommunes(address.provinceCode)).find((c) => c.code === address.communeCode)?.name : undefined;
  const parts = [address.street, commune, province].filter((p): p is string => Boolean(p));
  const claim: Record<string, string> = { formatted: parts.join(', '), country: 'VN' };
  if (address.street) claim.street_address = address.street;
  if (commune) claim.locality = commune;
  if (province) claim.region = province;
  return claim;
}
