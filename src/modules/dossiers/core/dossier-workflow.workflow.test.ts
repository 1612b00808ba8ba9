import { describe, expect, it } from 'vitest';
import type { Action } from '../../identity/index.ts';
import { availableActions, decide, WORKFLOW } from './dossier-workflow.workflow.ts';
import { DOSSIER_STATUSES, type DossierAction, type DossierStatus } from './dossier.types.ts';

const everyone = () => true;
const only = (...allowed: Array<Action | 'applicant'>) => (by: Action | 'applicant') => allowed.includes(by);

/**
 * The lifecycle (DOMAIN §3.10) written out independently of the table: for every status and action,
 * where the action leads ('-' = not allowed from there). The test walks every cell of status × action.
 */
const EXPECTED: Record<DossierAction, Partial<Record<DossierStatus, string>>> = {
  submit: { draft: 'submitted' },
  accept: { submitted: 'received' },
  refuse: { submitted: 'refused', received: 'refused' },
  request_supplement: { submitted: 'supplement_requested', received: 'supplement_requested', processing: 'supplement_requested' },
  provide_supplement: { supplement_requested: 'resume' },
  forward: { received: 'processing', processing: 'processing' },
  request_payment: { received: 'payment_requested', processing: 'payment_requested' },
  record_payment: { payment_requested: 'resume' },
  stop: { received: 'stopped', processing: 'stopped' },
  extend: { received: 'same', processing: 'same', supplement_requested: 'same', payment_requested: 'same' },
  approve: { processing: 'resolved' },
  return_result: { resolved: 'returned' },
  withdraw: { submitted: 'withdrawn', received: 'withdrawn', processing: 'withdrawn', supplement_requested: 'withdrawn', payment_requested: 'withdrawn' },
  assign: { submitted: 'same', received: 'same', resolved: 'same', processing: 'same', supplement_requested: 'same', payment_requested: 'same' },
  note: {
    submitted: 'same', received: 'same', processing: 'same', supplement_requested: 'same', payment_requested: 'same', resolved: 'same', in_transit: 'same',
    refused: 'same', withdrawn: 'same', stopped: 'same', returned: 'same',
  },
};

describe('dossier workflow table', () => {
  const actions = Object.keys(WORKFLOW) as DossierAction[];

  it('covers exactly the actions of the lifecycle', () => {
    expect(actions.sort()).toEqual((Object.keys(EXPECTED) as DossierAction[]).sort());
  });

  for (const action of actions) {
    for (const status of DOSSIER_STATUSES) {
      const expected = EXPECTED[action][status] ?? '-';
      it(`${action} from ${status} → ${expected}`, () => {
        const decision = decide(action, status, everyone);
        expect(decision.ok ? decision.to : '-').toBe(expected);
      });
    }
  }

  it('nothing leaves a final state except notes', () => {
    for (const status of ['refused', 'withdrawn', 'stopped', 'returned'] as const) {
      expect(availableActions(status, everyone)).toEqual(['note']);
    }
  });

  it('a draft can only be submitted, by the applicant', () => {
    expect(availableActions('draft', everyone)).toEqual(['submit']);
    expect(decide('submit', 'draft', only('dossier.receive'))).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('roles: the desk receives, the unit processes, the approver approves, the applicant withdraws', () => {
    expect(decide('accept', 'submitted', only('dossier.process')).ok).toBe(false);
    expect(decide('accept', 'submitted', only('dossier.receive')).ok).toBe(true);
    expect(decide('approve', 'processing', only('dossier.process', 'dossier.receive')).ok).toBe(false);
    expect(decide('approve', 'processing', only('dossier.approve')).ok).toBe(true);
    expect(decide('withdraw', 'processing', only('dossier.process')).ok).toBe(false);
    expect(decide('withdraw', 'processing', only('applicant')).ok).toBe(true);
    // The desk may ask for more at intake; during processing it is the processing unit's call.
    expect(decide('request_supplement', 'submitted', only('dossier.receive')).ok).toBe(true);
    expect(decide('request_supplement', 'processing', only('dossier.receive')).ok).toBe(false);
    expect(decide('request_supplement', 'processing', only('dossier.process')).ok).toBe(true);
  });

  it('a status the action cannot start from is reported as such, whoever asks', () => {
    expect(decide('approve', 'submitted', everyone)).toEqual({ ok: false, reason: 'not_allowed_from_status' });
    expect(decide('approve', 'submitted', only())).toEqual({ ok: false, reason: 'not_allowed_from_status' });
  });
});
