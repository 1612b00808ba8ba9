/** Who acts on a dossier, and what they may do on one (through identity's `can()` policy). */
import { can, type Account, type Action, type Actor } from '../../identity/index.ts';
import type { ApplicantProfile } from './dossier-deps.ts';
import type { Dossier } from './dossier.types.ts';

/** An account (applicant or official) with the name shown on the timeline, or the portal itself. */
export type DossierActor =
  | (Extract<Actor, { kind: 'applicant' }> & { name: string })
  | (Extract<Actor, { kind: 'official' }> & { name: string })
  | { kind: 'system'; name: string }
  | { kind: 'agency_system'; clientId: string; agencyCodes: readonly string[]; name: string };

export function resourceOf(dossier: Pick<Dossier, 'agencyCode' | 'ownerAccountId' | 'submitterAccountId'>) {
  return {
    agencyCode: dossier.agencyCode,
    ownerIds: [dossier.ownerAccountId, dossier.submitterAccountId].filter((id): id is string => id !== null),
  };
}

/** Whether the actor holds the permission a workflow rule names ('applicant' = owner or authorised submitter). */
export function permitsOn(actor: DossierActor, dossier: Dossier): (by: Action | 'applicant') => boolean {
  const resource = resourceOf(dossier);
  return (by) => {
    switch (actor.kind) {
      case 'system':
        return by !== 'applicant';
      case 'agency_system':
        return by !== 'applicant' && actor.agencyCodes.includes(dossier.agencyCode);
      case 'applicant':
        // An applicant acts only through the applicant's rules (never an official permission such as notes).
        return by === 'applicant' && resource.ownerIds.includes(actor.accountId);
      case 'official':
        return by !== 'applicant' && can(actor, by, resource);
    }
  };
}

export function canRead(actor: DossierActor, dossier: Dossier): boolean {
  const permits = permitsOn(actor, dossier);
  return permits('dossier.read') || permits('applicant');
}

export function actorKindOf(actor: DossierActor): 'applicant' | 'official' | 'system' | 'agency_system' {
  return actor.kind;
}

export function actorIdOf(actor: DossierActor): string | null {
  switch (actor.kind) {
    case 'applicant':
    case 'official':
      return actor.accountId;
    case 'agency_system':
      return actor.clientId;
    case 'system':
      return null;
  }
}

/** LoaiDoiTuong (DOMAIN §2.2) of an applicant account type. */
const SUBJECT_TYPE = { citizen: 1, business: 2, organisation: 4 } as const;

/** An applicant's account as the dossier core sees it: who acts (with the name on the timeline) and the profile that prefills drafts. */
export function applicantOf(account: Account & { type: keyof typeof SUBJECT_TYPE }): { actor: Extract<DossierActor, { kind: 'applicant' }>; profile: ApplicantProfile } {
  const name = account.fullName || account.email || account.phone || account.id;
  return {
    actor: { kind: 'applicant', accountId: account.id, name },
    profile: {
      accountId: account.id,
      fullName: account.fullName ?? '',
      idNumber: account.idNumber,
      dateOfBirth: account.dateOfBirth,
      phone: account.phone,
      email: account.email,
      sex: account.sex,
      permanentAddress: account.permanentAddress,
      currentAddress: account.currentAddress,
      subjectType: SUBJECT_TYPE[account.type],
    },
  };
}
