/**
 * The lifecycle as one table (DOMAIN §3.10): for each action, the states it may start from, the state
 * it leads to, and the permission it needs. Pure: the service asks `decide()` and does what it says.
 */
import type { Action } from '../../identity/index.ts';
import { FINAL_STATUSES, type DossierAction, type DossierStatus } from './dossier.types.ts';

export type Target = DossierStatus | 'same' | 'resume';

interface Rule {
  from: readonly DossierStatus[];
  to: Target;
  /** Who may act: an official permission, or the applicant (owner / authorised submitter). */
  by: Action | 'applicant';
}

const BEFORE_RESULT: readonly DossierStatus[] = ['submitted', 'received', 'processing', 'supplement_requested', 'payment_requested'];
const OPEN: readonly DossierStatus[] = [...BEFORE_RESULT, 'resolved', 'in_transit'];

/** Each action can have several rules (e.g. supplement at intake by the desk, or in processing by the unit). */
export const WORKFLOW: Readonly<Record<DossierAction, readonly Rule[]>> = {
  submit: [{ from: ['draft'], to: 'submitted', by: 'applicant' }],
  accept: [{ from: ['submitted'], to: 'received', by: 'dossier.receive' }],
  refuse: [{ from: ['submitted', 'received'], to: 'refused', by: 'dossier.receive' }],
  request_supplement: [
    { from: ['submitted', 'received'], to: 'supplement_requested', by: 'dossier.receive' },
    { from: ['processing'], to: 'supplement_requested', by: 'dossier.process' },
  ],
  provide_supplement: [{ from: ['supplement_requested'], to: 'resume', by: 'applicant' }],
  forward: [
    { from: ['received'], to: 'processing', by: 'dossier.receive' },
    { from: ['processing'], to: 'processing', by: 'dossier.process' },
  ],
  request_payment: [{ from: ['received', 'processing'], to: 'payment_requested', by: 'dossier.process' }],
  record_payment: [{ from: ['payment_requested'], to: 'resume', by: 'dossier.process' }],
  stop: [{ from: ['received', 'processing'], to: 'stopped', by: 'dossier.process' }],
  extend: [{ from: ['received', 'processing', 'supplement_requested', 'payment_requested'], to: 'same', by: 'dossier.process' }],
  approve: [{ from: ['processing'], to: 'resolved', by: 'dossier.approve' }],
  return_result: [{ from: ['resolved'], to: 'returned', by: 'dossier.return_result' }],
  withdraw: [{ from: BEFORE_RESULT, to: 'withdrawn', by: 'applicant' }],
  assign: [
    { from: ['submitted', 'received', 'resolved'], to: 'same', by: 'dossier.receive' },
    { from: ['processing', 'supplement_requested', 'payment_requested'], to: 'same', by: 'dossier.process' },
  ],
  note: [{ from: [...OPEN, ...FINAL_STATUSES], to: 'same', by: 'dossier.read' }],
};

export type Decision =
  | { ok: true; to: Target; by: Action | 'applicant' }
  | { ok: false; reason: 'not_allowed_from_status' };

/** The rules of `action` that start from `status`, in table order. */
export function rulesFor(action: DossierAction, status: DossierStatus): Rule[] {
  return WORKFLOW[action].filter((rule) => rule.from.includes(status));
}

/**
 * Whether `action` is possible from `status` for someone who holds `permits` (the official's
 * permissions on this dossier, or 'applicant'). The first rule the actor qualifies for wins.
 */
export function decide(action: DossierAction, status: DossierStatus, permits: (by: Action | 'applicant') => boolean): Decision | { ok: false; reason: 'forbidden' } {
  const rules = rulesFor(action, status);
  if (rules.length === 0) return { ok: false, reason: 'not_allowed_from_status' };
  const rule = rules.find((r) => permits(r.by));
  return rule ? { ok: true, to: rule.to, by: rule.by } : { ok: false, reason: 'forbidden' };
}

/** Every action the actor could take now (for the back office's buttons and the API's `allowedActions`). */
export function availableActions(status: DossierStatus, permits: (by: Action | 'applicant') => boolean): DossierAction[] {
  return (Object.keys(WORKFLOW) as DossierAction[]).filter((action) => decide(action, status, permits).ok);
}
