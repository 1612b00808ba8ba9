/** Accounts created by operators (CLI): validated input, roles, audit. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import * as accounts from './account.repo.ts';
import type { AccountType, AccountWithSecrets, Origin } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { isOfficialRole, type OfficialRole } from './authorization.policy.ts';
import { normaliseEmail, normalisePhone } from './contact.workflow.ts';
import { checkIdNumber } from './id-number.workflow.ts';
import type { IdentityDeps } from './identity-deps.types.ts';
import { checkPassword } from './password.workflow.ts';

export interface AddAccountInput {
  type: string;
  email?: string;
  phone?: string;
  password: string;
  agency?: string;
  roles?: string[];
  idNumber?: string;
  fullName?: string;
}

/** An official as other modules list them: the account, the name shown, the roles held in one agency. */
export interface OfficialSummary {
  accountId: string;
  name: string;
  roles: OfficialRole[];
}

const nfc = (v: string | undefined) => (v ?? '').normalize('NFC').trim();

export function createAccountService(deps: IdentityDeps) {
  async function checkAddInput(input: AddAccountInput): Promise<{ type: AccountType; email: string | null; phone: string | null; roles: OfficialRole[] }> {
    const bad = (detail: string): never => {
      throw new AppError('IDENTITY_INPUT_INVALID', detail);
    };
    if (!['citizen', 'business', 'organisation', 'official'].includes(input.type)) bad(`--type must be citizen, business, organisation or official (got "${input.type}")`);
    const email = input.email ? normaliseEmail(input.email) : null;
    if (input.email && !email) bad(`--email "${input.email}" is not an e-mail address`);
    const phone = input.phone ? normalisePhone(input.phone) : null;
    if (input.phone && !phone) bad(`--phone "${input.phone}" is not a Vietnamese mobile number (e.g. 0912345678 or +84912345678)`);
    if (!email && !phone) bad('give --email or --phone');
    const weak = checkPassword(input.password, [email ?? '', phone ?? ''].filter(Boolean));
    if (weak) bad(`--password is too weak (${weak}); use at least 10 characters, not a common password`);
    if (input.idNumber) {
      const problem = checkIdNumber(input.idNumber, { currentYear: deps.now().getUTCFullYear() });
      if (problem) bad(`--id-number "${input.idNumber}" is not a valid 12-digit personal ID number (${problem})`);
    }
    const roles = (input.roles ?? []).map((r) => r.trim()).filter(Boolean);
    if (input.type === 'official') {
      if (!input.agency) bad('an official needs --agency CODE');
      if (roles.length === 0) bad('an official needs --role ROLE[,ROLE]');
      for (const r of roles) if (!isOfficialRole(r)) bad(`unknown role "${r}"`);
      if (!(await deps.units.agencyExists(input.agency!))) bad(`unknown agency "${input.agency}"`);
    } else if (input.agency || roles.length > 0) {
      bad('--agency and --role are for --type official only');
    }
    return { type: input.type as AccountType, email, phone, roles: roles as OfficialRole[] };
  }

  return {
    /** Creates an active account (an operator vouches for the contact). Throws IDENTITY_INPUT_INVALID, IDENTITY_ACCOUNT_EXISTS. */
    async addAccount(input: AddAccountInput, actor: { origin: Origin; actorId?: string | null }): Promise<AccountWithSecrets> {
      const checked = await checkAddInput(input);
      const passwordHash = await deps.hasher.hash(input.password);
      const id = randomUUID();
      try {
        await deps.db.transaction().execute(async (tx) => {
          await accounts.insertAccount(tx, { id, type: checked.type, status: 'active', email: checked.email, phone: checked.phone, passwordHash, locale: 'vi', idNumber: input.idNumber ?? null, fullName: input.fullName ? nfc(input.fullName) : null, verifiedAt: deps.now() });
          await accounts.insertRoles(tx, id, checked.roles.map((role) => ({ agencyCode: input.agency!, role })));
          await appendAudit(tx, { action: 'account.created', accountId: id, actorId: actor.actorId ?? null, origin: actor.origin, details: { type: checked.type, by: 'operator' } });
          if (checked.roles.length > 0) await appendAudit(tx, { action: 'role.granted', accountId: id, actorId: actor.actorId ?? null, origin: actor.origin, details: { agency: input.agency, roles: checked.roles } });
        });
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new AppError('IDENTITY_ACCOUNT_EXISTS', 'an account with this e-mail, phone or ID number exists');
        throw err;
      }
      return (await accounts.findAccount(deps.db, id))!;
    },

    async findAccount(id: string): Promise<AccountWithSecrets | null> {
      return accounts.findAccount(deps.db, id);
    },

    /** Active officials holding a role in `agencyCode` (for "forward to" / "assign to" choices): id, name shown, roles there. */
    async listOfficials(agencyCode: string): Promise<OfficialSummary[]> {
      const rows = await deps.db
        .selectFrom('identity_official_role as r')
        .innerJoin('identity_account as a', 'a.id', 'r.account_id')
        .select(['a.id', 'a.full_name', 'a.email', 'a.phone', 'r.role'])
        .where('r.agency_code', '=', agencyCode)
        .where('a.account_type', '=', 'official')
        .where('a.status', '=', 'active')
        .orderBy('a.full_name')
        .orderBy('a.id')
        .orderBy('r.role')
        .execute();
      const byId = new Map<string, OfficialSummary>();
      for (const row of rows) {
        const found = byId.get(row.id) ?? { accountId: row.id, name: row.full_name || row.email || row.phone || row.id, roles: [] };
        found.roles.push(row.role as OfficialRole);
        byId.set(row.id, found);
      }
      return [...byId.values()];
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
