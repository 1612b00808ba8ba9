import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, actorOf, agenciesWhere, can, OFFICIAL_ROLES, ROLE_ACTIONS, type Action, type Actor, type OfficialRole } from './authorization.policy.ts';

const SYSTEM: Action[] = ['system.manage_clients', 'system.manage_accounts', 'calendar.manage'];
const official = (role: OfficialRole, agencyCode = 'A'): Actor => ({ kind: 'official', accountId: 'o1', grants: [{ agencyCode, role }] });
const granted = (role: OfficialRole, action: Action) => (ROLE_ACTIONS[role] as readonly Action[]).includes(action);

describe('authorization policy: every role × every action', () => {
  for (const role of OFFICIAL_ROLES) {
    for (const action of ACTIONS) {
      it(`${role} · ${action}`, () => {
        const own = can(official(role), action, { agencyCode: 'A' });
        const other = can(official(role), action, { agencyCode: 'B' });
        const handedOver = can(official(role), action, { agencyCode: 'B', sharedWithAgencies: ['A'] });
        const noAgency = can(official(role), action, {});
        expect(own).toBe(granted(role, action));
        expect(handedOver).toBe(granted(role, action));
        // Another agency's data is out of reach, except for system-wide administration.
        expect(other).toBe(granted(role, action) && SYSTEM.includes(action));
        expect(noAgency).toBe(granted(role, action) && SYSTEM.includes(action));
      });
    }
  }

  it('anonymous visitors may do nothing; applicants only read/submit/see payments of their own', () => {
    for (const action of ACTIONS) {
      expect(can({ kind: 'anonymous' }, action, { agencyCode: 'A', ownerIds: ['c1'] })).toBe(false);
      const mine = can({ kind: 'applicant', accountId: 'c1' }, action, { agencyCode: 'A', ownerIds: ['c1'] });
      expect(mine).toBe(['dossier.read', 'dossier.submit', 'payment.read'].includes(action));
      expect(can({ kind: 'applicant', accountId: 'c2' }, action, { agencyCode: 'A', ownerIds: ['c1'] })).toBe(false);
    }
  });

  it('holds for any set of grants and any resource (property)', () => {
    const agency = fc.constantFrom('A', 'B', 'C');
    const grant = fc.record({ agencyCode: agency, role: fc.constantFrom(...OFFICIAL_ROLES) });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 5 }), fc.constantFrom(...ACTIONS), fc.option(agency, { nil: undefined }), fc.array(agency, { maxLength: 2 }), (grants, action, agencyCode, shared) => {
        const actor: Actor = { kind: 'official', accountId: 'o', grants };
        const expected = grants.some(
          (g) => granted(g.role, action) && (SYSTEM.includes(action) || (agencyCode !== undefined && (g.agencyCode === agencyCode || shared.includes(g.agencyCode)))),
        );
        expect(can(actor, action, { agencyCode, sharedWithAgencies: shared })).toBe(expected);
      }),
    );
  });

  it('lets only an agency admin configure its own agency\'s services', () => {
    const admin: Actor = { kind: 'official', accountId: 'o', grants: [{ agencyCode: 'A', role: 'agency_admin' }] };
    expect(can(admin, 'service.configure', { agencyCode: 'A' })).toBe(true);
    expect(can(admin, 'service.configure', { agencyCode: 'B' })).toBe(false);
    expect(can(admin, 'service.configure', {})).toBe(false);
    expect(agenciesWhere(admin, 'service.configure')).toEqual(['A']);
    for (const role of OFFICIAL_ROLES.filter((r) => r !== 'agency_admin')) {
      expect(can(official(role), 'service.configure', { agencyCode: 'A' })).toBe(false);
    }
    expect(can({ kind: 'applicant', accountId: 'c1' }, 'service.configure', { agencyCode: 'A', ownerIds: ['c1'] })).toBe(false);
  });

  it('lets only system admins manage the holiday calendar, from whatever agency their grant is in', () => {
    expect(can(official('system_admin', 'X'), 'calendar.manage')).toBe(true);
    for (const role of OFFICIAL_ROLES.filter((r) => r !== 'system_admin')) expect(can(official(role), 'calendar.manage', { agencyCode: 'A' })).toBe(false);
    expect(can({ kind: 'applicant', accountId: 'c1' }, 'calendar.manage', { ownerIds: ['c1'] })).toBe(false);
    expect(can({ kind: 'anonymous' }, 'calendar.manage')).toBe(false);
  });

  it('lists the agencies where an official may act', () => {
    const actor: Actor = { kind: 'official', accountId: 'o', grants: [{ agencyCode: 'A', role: 'intake_officer' }, { agencyCode: 'B', role: 'approver' }] };
    expect(agenciesWhere(actor, 'dossier.read').sort()).toEqual(['A', 'B']);
    expect(agenciesWhere(actor, 'dossier.receive')).toEqual(['A']);
    expect(agenciesWhere({ kind: 'anonymous' }, 'dossier.read')).toEqual([]);
  });

  it('turns accounts into actors', () => {
    expect(actorOf(null)).toEqual({ kind: 'anonymous' });
    expect(actorOf({ id: 'c', type: 'citizen', roles: [] })).toEqual({ kind: 'applicant', accountId: 'c' });
    const grants = [{ agencyCode: 'A', role: 'approver' as const }];
    expect(actorOf({ id: 'o', type: 'official', roles: grants })).toEqual({ kind: 'official', accountId: 'o', grants });
  });
});
