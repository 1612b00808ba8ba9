/**
 * Log in with the national e-ID: the identity the upstream vouched for becomes one OpenDVC account,
 * never two. By link (issuer + subject), else by the same 12-digit ID number, else a new citizen
 * account; then a session at the e-ID's assurance level. One transaction for all of it.
 *
 * Linking by ID number is guarded (account takeover): anyone can type an unclaimed ID number into a
 * password account's profile, so such a number proves nothing. An e-ID login joins the account holding
 * its ID number only when that number was confirmed by an e-ID before (the account has a link), or
 * when this browser is signed in to that very account (the owner connecting the e-ID themselves).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import * as accounts from './account.repo.ts';
import type { AccountWithSecrets, Origin, Profile, Session, SessionStage } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import { normaliseEmail, normalisePhone } from './contact.workflow.ts';
import { meetsAssuranceLevel, type EidAssuranceLevel, type EidAuthorizationResult, type EidProfile } from './eid/index.ts';
import * as links from './eid-link.repo.ts';
import { checkIdNumber, type Sex } from './id-number.workflow.ts';
import type { IdentityDeps } from './identity-deps.types.ts';
import type { IdentityTables } from './identity.tables.ts';
import { stageAfterPassword } from './login.service.ts';
import type { SessionService } from './session.service.ts';
import * as sessionRepo from './session.repo.ts';

/** The session `acr` when the e-ID vouched for no level we recognise: it meets no demanded level. */
export const EID_UNRATED_ACR = 'urn:opendvc:acr:eid';

export interface EidLoginInput {
  /** The e-ID's issuer URL: links are per issuer. */
  readonly issuer: string;
  readonly result: EidAuthorizationResult;
  /** The level the page demanded (`?acr=`), or null. */
  readonly requiredAcr: EidAssuranceLevel | null;
  readonly origin: Origin;
  /** The session this browser already had: a successful e-ID login replaces it (step-up). */
  readonly previousSession?: Session | null;
  readonly locale?: 'vi' | 'en';
}

export type EidLinkOutcome = 'returning' | 'linked' | 'created';

export interface EidLoginResult {
  readonly token: string;
  readonly stage: SessionStage;
  readonly accountId: string;
  readonly outcome: EidLinkOutcome;
  readonly acr: string;
}

type Tx = Kysely<IdentityTables>;

export function createEidLoginService(deps: IdentityDeps, sessionService: SessionService) {
  async function resolveAccount(tx: Tx, input: EidLoginInput, idNumber: string): Promise<{ account: AccountWithSecrets; outcome: EidLinkOutcome }> {
    const { issuer, result } = input;
    const now = deps.now();
    const linkedId = await links.findLinkedAccountId(tx, issuer, result.subject);
    if (linkedId) {
      await links.touchLink(tx, issuer, result.subject, now);
      return { account: await fillProfile(tx, (await accounts.findAccount(tx, linkedId))!, result.claims, idNumber), outcome: 'returning' };
    }
    const holderId = await accounts.findAccountIdByIdNumber(tx, idNumber);
    if (holderId) {
      const previous = input.previousSession;
      const ownSession = previous?.accountId === holderId && previous.stage === 'active';
      if (!ownSession && !(await links.hasLink(tx, holderId))) {
        throw new AppError('IDENTITY_EID_LINK_REFUSED', 'an account holds this ID number without e-ID confirmation and this browser is not signed in to it', {
          accountId: holderId,
          issuer,
          subject: result.subject,
        });
      }
      await links.insertLink(tx, { accountId: holderId, issuer, subject: result.subject, at: now });
      return { account: await fillProfile(tx, (await accounts.findAccount(tx, holderId))!, result.claims, idNumber), outcome: 'linked' };
    }
    const id = await createCitizen(tx, result.claims, idNumber, input.locale ?? 'vi');
    await links.insertLink(tx, { accountId: id, issuer, subject: result.subject, at: now });
    return { account: (await accounts.findAccount(tx, id))!, outcome: 'created' };
  }

  /** Fills the profile fields the account leaves empty; what the person entered is kept. */
  async function fillProfile(tx: Tx, account: AccountWithSecrets, claims: EidProfile, idNumber: string): Promise<AccountWithSecrets> {
    const idFree = account.idNumber === null && (await accounts.findAccountIdByIdNumber(tx, idNumber)) === null;
    const filled: Omit<Profile, 'permanentAddress' | 'currentAddress'> = {
      fullName: account.fullName ?? claims.fullName,
      dateOfBirth: account.dateOfBirth ?? claims.birthdate,
      sex: account.sex ?? sexOf(claims.gender),
      idNumber: account.idNumber ?? (idFree ? idNumber : null),
    };
    const changed = (Object.keys(filled) as (keyof typeof filled)[]).some((k) => filled[k] !== account[k]);
    if (!changed) return account;
    await accounts.updateProfile(tx, account.id, filled, deps.now());
    return { ...account, ...filled };
  }

  /** A new active citizen account from the claims, without password; a contact held by another account is left out. */
  async function createCitizen(tx: Tx, claims: EidProfile, idNumber: string, locale: 'vi' | 'en'): Promise<string> {
    const email = claims.email ? normaliseEmail(claims.email) : null;
    const phone = claims.phone ? normalisePhone(claims.phone) : null;
    const freeEmail = email && !(await accounts.findAccountByContact(tx, { channel: 'email', value: email })) ? email : null;
    const freePhone = phone && !(await accounts.findAccountByContact(tx, { channel: 'sms', value: phone })) ? phone : null;
    const id = randomUUID();
    const now = deps.now();
    await accounts.insertAccount(tx, { id, type: 'citizen', status: 'active', email: freeEmail, phone: freePhone, passwordHash: null, locale, idNumber, fullName: claims.fullName, verifiedAt: now });
    await accounts.updateProfile(tx, id, { fullName: claims.fullName, dateOfBirth: claims.birthdate, sex: sexOf(claims.gender), idNumber }, now);
    return id;
  }

  async function attempt(input: EidLoginInput, idNumber: string, acr: string): Promise<EidLoginResult> {
    return deps.db.transaction().execute(async (tx) => {
      const { account, outcome } = await resolveAccount(tx, input, idNumber);
      if (account.status !== 'active') {
        throw new AppError('IDENTITY_EID_ACCOUNT_UNAVAILABLE', `account ${account.id} is ${account.status}`, { accountId: account.id });
      }
      // The module's rule: officials finish every login with their second factor. For citizens the
      // e-ID is the strong login itself; their optional TOTP guards the password login.
      const stage: SessionStage = account.type === 'official' ? stageAfterPassword(account) : 'active';
      const previous = input.previousSession;
      if (previous) await sessionRepo.revokeSessions(tx, previous.accountId, deps.now(), { id: previous.id });
      const session = await sessionService.open(tx, { accountId: account.id, stage, acr, origin: input.origin });
      const audit = (action: string, details: Record<string, unknown>) => appendAudit(tx, { action, accountId: account.id, origin: input.origin, details });
      const link = { issuer: input.issuer, subject: input.result.subject };
      if (outcome === 'created') await audit('eid.account_created', { ...link, contacts: { email: account.email !== null, phone: account.phone !== null } });
      if (outcome !== 'returning') await audit('eid.linked', { ...link, by: outcome === 'created' ? 'new_account' : previous?.accountId === account.id ? 'signed_in_session' : 'confirmed_id_number' });
      await audit('eid.login', { ...link, sessionId: session.id, acr, stage, replacedSession: previous?.id ?? null });
      return { token: session.token, stage, accountId: account.id, outcome, acr };
    });
  }

  return {
    /**
     * Links (or creates) the account for a completed e-ID authorization and opens its session.
     * Throws IDENTITY_EID_LEVEL_TOO_LOW, IDENTITY_EID_ID_NUMBER_INVALID, IDENTITY_EID_ACCOUNT_UNAVAILABLE,
     * IDENTITY_EID_LINK_REFUSED (an unconfirmed account holds the ID number: nothing is written).
     */
    async completeLogin(input: EidLoginInput): Promise<EidLoginResult> {
      const level = input.result.acr;
      if (input.requiredAcr && !meetsAssuranceLevel(level, input.requiredAcr)) {
        throw new AppError('IDENTITY_EID_LEVEL_TOO_LOW', `the e-ID vouched for ${level ?? 'no known level'}; ${input.requiredAcr} is required`, { required: input.requiredAcr, got: level });
      }
      const idNumber = checkedIdNumber(input.result, deps.now());
      const acr = level ?? EID_UNRATED_ACR;
      try {
        return await attempt(input, idNumber, acr);
      } catch (err) {
        // Two callbacks of the same new citizen at once: the loser of the unique index retries and
        // finds the winner's link.
        if ((err as { code?: string }).code !== '23505') throw err;
        return attempt(input, idNumber, acr);
      }
    },

    /** Appends a refused e-ID login to the audit trail (who is unknown; from where is not); a refused link under the account it aimed at. */
    async recordFailure(code: string, origin: Origin, details: Record<string, unknown> = {}): Promise<void> {
      const action = code === 'IDENTITY_EID_LINK_REFUSED' ? 'eid.link_refused' : 'eid.login_failed';
      await appendAudit(deps.db, { action, accountId: typeof details.accountId === 'string' ? details.accountId : null, origin, details: { code, ...details } });
    },

    /** The e-ID identities linked to an account. */
    listLinks: (accountId: string) => links.listLinks(deps.db, accountId),
  };
}

/** The claim's ID number, checked for the CCCD structure. Throws IDENTITY_EID_ID_NUMBER_INVALID. */
function checkedIdNumber(result: EidAuthorizationResult, now: Date): string {
  const idNumber = result.claims.idNumber;
  if (idNumber === null) {
    const malformed = result.claimIssues.some((c) => ['personal_id', 'cccd', 'SoDinhDanh'].includes(c));
    throw new AppError('IDENTITY_EID_ID_NUMBER_INVALID', malformed ? 'the ID number claim is not 12 digits' : 'the e-ID sent no ID number claim', { subject: result.subject });
  }
  const problem = checkIdNumber(idNumber, { currentYear: now.getUTCFullYear() });
  if (problem) throw new AppError('IDENTITY_EID_ID_NUMBER_INVALID', `the ID number claim fails the structure check (${problem})`, { subject: result.subject });
  return idNumber;
}

function sexOf(gender: EidProfile['gender']): Sex | null {
  return gender === 'male' || gender === 'female' ? gender : null;
}

export type EidLoginService = ReturnType<typeof createEidLoginService>;
