/**
 * The one place that decides who may do what (role + agency scope). Every module asks `can()`;
 * none checks roles itself. An official acts only on their own agency's data unless a workflow has
 * handed the item over to their agency (`sharedWithAgencies`). Pure: no I/O.
 */

export const OFFICIAL_ROLES = [
  'intake_officer',
  'processing_officer',
  'approver',
  'finance_officer',
  'agency_admin',
  'support_agent',
  'system_admin',
] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const ACTIONS = [
  'dossier.read',
  'dossier.submit',
  'dossier.receive',
  'dossier.process',
  'dossier.approve',
  'dossier.return_result',
  'payment.read',
  'payment.refund',
  'agency.manage_staff',
  'service.configure',
  'support.assist_citizen',
  'system.manage_clients',
  'system.manage_accounts',
  'audit.read',
  'calendar.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions on an agency's data each role grants, within the agency of the grant. */
export const ROLE_ACTIONS = {
  intake_officer: ['dossier.read', 'dossier.receive', 'dossier.return_result'],
  processing_officer: ['dossier.read', 'dossier.process'],
  approver: ['dossier.read', 'dossier.approve'],
  finance_officer: ['dossier.read', 'payment.read', 'payment.refund'],
  agency_admin: ['agency.manage_staff', 'service.configure', 'audit.read'],
  support_agent: ['dossier.read', 'payment.read', 'support.assist_citizen'],
  system_admin: ['system.manage_clients', 'system.manage_accounts', 'audit.read', 'calendar.manage'],
} as const satisfies Record<OfficialRole, readonly Action[]>;

/** Actions that are not about one agency's data: a grant in any agency allows them everywhere. */
const SYSTEM_ACTIONS: ReadonlySet<Action> = new Set(['system.manage_clients', 'system.manage_accounts', 'calendar.manage']);

/** What an applicant may do on their own dossiers. */
const OWNER_ACTIONS: ReadonlySet<Action> = new Set(['dossier.read', 'dossier.submit', 'payment.read']);

export type Actor =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'applicant'; readonly accountId: string }
  | { readonly kind: 'official'; readonly accountId: string; readonly grants: readonly { agencyCode: string; role: OfficialRole }[] };

/** What is acted on. `agencyCode` is the agency that holds it; omitted for system-wide resources. */
export interface Resource {
  readonly agencyCode?: string;
  /** Applicants whose data it is (owner, authorised representative). */
  readonly ownerIds?: readonly string[];
  /** Agencies a workflow handed the item to (inter-agency processing). */
  readonly sharedWithAgencies?: readonly string[];
}

/** May `actor` do `action` on `resource`? Deny by default. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  switch (actor.kind) {
    case 'anonymous':
      return false;
    case 'applicant':
      return OWNER_ACTIONS.has(action) && (resource.ownerIds ?? []).includes(actor.accountId);
    case 'official':
      return actor.grants.some((grant) => {
        if (!(ROLE_ACTIONS[grant.role] as readonly Action[]).includes(action)) return false;
        if (SYSTEM_ACTIONS.has(action)) return true;
        if (resource.agencyCode === undefined) return false;
        return resource.agencyCode === grant.agencyCode || (resource.sharedWithAgencies ?? []).includes(grant.agencyCode);
      });
  }
}

/** Throws-free guard for routes: the agencies where an official may do `action` (to filter lists by). */
export function agenciesWhere(actor: Actor, action: Action): string[] {
  if (actor.kind !== 'official') return [];
  return [...new Set(actor.grants.filter((g) => (ROLE_ACTIONS[g.role] as readonly Action[]).includes(action)).map((g) => g.agencyCode))];
}

export function isOfficialRole(value: string): value is OfficialRole {
  return (OFFICIAL_ROLES as readonly string[]).includes(value);
}

/** The actor a signed-in account acts as (null = anonymous visitor). */
export function actorOf(account: { id: string; type: string; roles: readonly { agencyCode: string; role: OfficialRole }[] } | null): Actor {
  if (!account) return { kind: 'anonymous' };
  if (account.type === 'official') return { kind: 'official', accountId: account.id, grants: account.roles };
  return { kind: 'applicant', accountId: account.id };
}
