/** Account → JSON for the CLI and APIs: never the password hash or TOTP secrets. */
import { ACCOUNT_TYPE_CODE, type Account } from './account.types.ts';

export function presentAccount(a: Account) {
  return {
    id: a.id,
    type: a.type,
    typeCode: a.type === 'official' ? null : ACCOUNT_TYPE_CODE[a.type],
    status: a.status,
    email: a.email,
    phone: a.phone,
    fullName: a.fullName,
    idNumber: a.idNumber,
    roles: a.roles,
    twoFactor: a.totpEnabled,
    createdAt: a.createdAt.toISOString(),
  };
}
