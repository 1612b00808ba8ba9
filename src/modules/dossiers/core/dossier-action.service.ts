/**
 * Every step of the lifecycle after submission (DOMAIN §3): one call, one transaction — lock the
 * dossier, replay-check the idempotency key, ask the workflow table, apply the action's rules, append
 * the event (and its job) and update the row.
 */
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { extendDueForPause } from '../deadline.workflow.ts';
import { actorIdOf, permitsOn, type DossierActor } from './dossier-actor.ts';
import type { DossierCoreDeps } from './dossier-deps.ts';
import { decide } from './dossier-workflow.workflow.ts';
import { appendEvent, findDossier, findEventByKey, listEvents, type Db, type NewEvent } from './dossier.repo.ts';
import { FINAL_STATUSES, PAUSED_STATUSES, type Dossier, type DossierAction, type DossierStatus } from './dossier.types.ts';

const text = (max: number) => z.string().trim().min(1).max(max).transform((s) => s.normalize('NFC'));
/** A file by id; its name, type and size are read from the upload (what a caller says about them is ignored). */
const fileRef = z.object({ requirementKey: z.string().max(100).default('result'), fileId: z.uuid(), name: z.string().max(255).optional(), mediaType: z.string().max(100).optional(), sizeBytes: z.number().int().optional() });

/** What each action carries (validated at the edge too; checked here again, the service is the last line). */
export const ACTION_INPUT = {
  accept: z.object({ note: text(2000).optional() }),
  refuse: z.object({ reasons: text(4000) }),
  request_supplement: z.object({ items: z.array(z.object({ name: text(500), reason: text(1000) })).min(1).max(50), note: text(2000).optional(), legalBasis: text(500).optional() }),
  provide_supplement: z.object({ files: z.array(fileRef).min(1).max(20), note: text(2000).optional() }),
  forward: z.object({ toStep: z.number().int().min(0).optional(), toAccountId: z.uuid().optional(), note: text(2000).optional() }),
  request_payment: z.object({ amountVnd: z.number().int().positive().max(10_000_000_000), description: text(500) }),
  record_payment: z.object({ reference: text(200).optional(), amountVnd: z.number().int().nonnegative().optional() }),
  stop: z.object({ reasons: text(4000) }),
  extend: z.object({ reason: text(4000), newDueAt: z.iso.datetime({ offset: true }) }),
  approve: z.object({ resultText: text(4000), files: z.array(fileRef).max(20).default([]) }),
  return_result: z.object({ mode: z.enum(['electronic', 'desk', 'postal']).default('electronic'), note: text(2000).optional() }),
  withdraw: z.object({ reason: text(2000).optional() }),
  assign: z.object({ toAccountId: z.uuid() }),
  note: z.object({ text: text(4000) }),
} as const satisfies Record<Exclude<DossierAction, 'submit'>, z.ZodType>;

export type ActionInput<A extends keyof typeof ACTION_INPUT> = z.input<(typeof ACTION_INPUT)[A]>;
type Action = keyof typeof ACTION_INPUT;

/** The event type each action writes on the timeline. */
const EVENT_TYPE: Record<Action, string> = {
  accept: 'received',
  refuse: 'refused',
  request_supplement: 'supplement_requested',
  provide_supplement: 'supplement_provided',
  forward: 'forwarded',
  request_payment: 'payment_requested',
  record_payment: 'payment_recorded',
  stop: 'stopped',
  extend: 'extended',
  approve: 'resolved',
  return_result: 'returned',
  withdraw: 'withdrawn',
  assign: 'assigned',
  note: 'note',
};

const DAY_MS = 24 * 60 * 60 * 1000;

type FileRef = z.output<typeof fileRef>;
type ResolvedFile = { requirementKey: string; fileId: string; name: string; mediaType: string; sizeBytes: number };

export function createActionService(deps: DossierCoreDeps) {
  const { db } = deps;

  return {
    /**
     * Performs `action` on a dossier. With an idempotency key, a repeated call returns the dossier as
     * it is without acting twice; the same key for a different action is a conflict.
     */
    async act<A extends Action>(actor: DossierActor, dossierId: string, action: A, rawInput: ActionInput<A>, idempotencyKey?: string | null): Promise<Dossier> {
      const parsed = ACTION_INPUT[action].safeParse(rawInput ?? {});
      if (!parsed.success) throw new AppError('DOSSIER_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues: parsed.error.issues });
      const input = parsed.data as Record<string, unknown>;
      // Everything read from other tables or modules is read before the transaction: a transaction that
      // waits for a second pool connection can starve the pool under load.
      if (Array.isArray(input.files)) input.files = await ownFiles(actor, input.files as FileRef[]);
      // Only these two actions read the service's terms (steps, supplement days): load them now, not inside.
      const readsTerms = action === 'request_supplement' || action === 'forward';
      const configId = !readsTerms ? null : (await db.selectFrom('dossier').select('service_config_id').where('id', '=', /^[0-9a-f-]{36}$/i.test(dossierId) ? dossierId : '00000000-0000-0000-0000-000000000000').executeTakeFirst())?.service_config_id;
      if (configId) await deps.services.byId(configId);
      return db.transaction().execute(async (tx) => {
        const dossier = await findDossier(tx, dossierId, { forUpdate: true });
        const permits = dossier ? permitsOn(actor, dossier) : null;
        if (!dossier || !permits || !(permits('dossier.read') || permits('applicant'))) throw new AppError('DOSSIER_NOT_FOUND');
        if (idempotencyKey) {
          const earlier = await findEventByKey(tx, dossier.id, idempotencyKey);
          if (earlier) {
            if (earlier.type !== EVENT_TYPE[action]) throw new AppError('DOSSIER_IDEMPOTENCY_CONFLICT', `key already used for ${earlier.type}`);
            return dossier;
          }
        }
        const decision = decide(action, dossier.status, permits);
        if (!decision.ok) {
          if (decision.reason === 'forbidden') throw new AppError('DOSSIER_FORBIDDEN', `${action} needs a role you do not hold for agency ${dossier.agencyCode}`);
          throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', `cannot ${action} a dossier that is ${dossier.status}`, { dossierStatus: dossier.status, action });
        }
        const now = deps.now();
        const to: DossierStatus = decision.to === 'same' ? dossier.status : decision.to === 'resume' ? (dossier.resumeStatus ?? 'processing') : decision.to;
        const { changes, data } = await rulesOf(tx, action, dossier, input, to, now);
        const event: NewEvent = {
          type: EVENT_TYPE[action],
          statusFrom: dossier.status,
          statusTo: to === dossier.status ? null : to,
          actorKind: actor.kind,
          actorId: actorIdOf(actor),
          actorName: actor.name,
          internal: action === 'note',
          idempotencyKey: idempotencyKey ?? null,
          data,
          occurredAt: now,
        };
        return appendEvent(tx, dossier, event, { ...pauseChanges(dossier, to, now), ...changes, status: to });
      });
    },
  };

  /** The uploads named in the input, as the acting account's own files (anyone else's → DOSSIER_INVALID). */
  async function ownFiles(actor: DossierActor, files: FileRef[]): Promise<ResolvedFile[]> {
    const accountId = actor.kind === 'applicant' || actor.kind === 'official' ? actor.accountId : null;
    const resolved: ResolvedFile[] = [];
    for (const f of files) {
      const meta = accountId ? await deps.files.ownedFile(accountId, f.fileId) : null;
      if (!meta) throw new AppError('DOSSIER_INVALID', `no uploaded file ${f.fileId} of yours`);
      resolved.push({ requirementKey: f.requirementKey, fileId: f.fileId, ...meta });
    }
    return resolved;
  }

  /** The clock: paused on entering a waiting state, resumed (due moved by the working time waited) on leaving it. */
  function pauseChanges(dossier: Dossier, to: DossierStatus, now: Date): Record<string, unknown> {
    const entering = PAUSED_STATUSES.has(to) && !PAUSED_STATUSES.has(dossier.status);
    const leaving = PAUSED_STATUSES.has(dossier.status) && !PAUSED_STATUSES.has(to);
    if (entering) return { paused_at: now, resume_status: dossier.status };
    if (leaving) {
      const due = dossier.dueAt && dossier.pausedAt ? extendDueForPause(new Date(dossier.dueAt), { from: new Date(dossier.pausedAt), to: now }, deps.calendar) : dossier.dueAt;
      return { paused_at: null, resume_status: null, due_at: due };
    }
    return {};
  }

  async function rulesOf(tx: Db, action: Action, dossier: Dossier, input: Record<string, unknown>, to: DossierStatus, now: Date): Promise<{ changes: Record<string, unknown>; data: Record<string, unknown> }> {
    const data: Record<string, unknown> = { ...input };
    const changes: Record<string, unknown> = {};
    if (FINAL_STATUSES.has(to) || to === 'returned') changes.finished_at = now;
    switch (action) {
      case 'accept':
        changes.received_at = now;
        data.dueAt = dossier.dueAt;
        break;
      case 'request_supplement': {
        const stage = dossier.status === 'processing' ? 'processing' : 'intake';
        const earlier = (await listEvents(tx, dossier.id, { includeInternal: false })).filter((e) => e.type === 'supplement_requested' && e.data.stage === stage);
        if (earlier.length > 0) throw new AppError('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED', `a supplement was already requested at ${stage}: list everything in one request`);
        const service = dossier.serviceConfigId ? await deps.services.byId(dossier.serviceConfigId) : null;
        const days = service?.terms.supplementDays ?? 30;
        const supplementDue = new Date(now.getTime() + days * DAY_MS);
        changes.supplement_due_at = supplementDue;
        changes.supplement_count = dossier.supplementCount + 1;
        Object.assign(data, { stage, supplementDueAt: supplementDue.toISOString(), dueBefore: dossier.dueAt });
        break;
      }
      case 'provide_supplement': {
        if (dossier.supplementDueAt && now > new Date(dossier.supplementDueAt)) {
          throw new AppError('DOSSIER_SUPPLEMENT_EXPIRED', `the supplement was due by ${dossier.supplementDueAt}`, { supplementDueAt: dossier.supplementDueAt });
        }
        const files = input.files as ResolvedFile[];
        await tx
          .insertInto('dossier_file')
          .values(files.map((f) => ({ dossier_id: dossier.id, requirement_key: f.requirementKey, file_id: f.fileId, name: f.name, media_type: f.mediaType, size_bytes: f.sizeBytes, purpose: 'supplement' })))
          .execute();
        changes.supplement_due_at = null;
        data.files = files.map((f) => ({ name: f.name, requirementKey: f.requirementKey }));
        break;
      }
      case 'forward': {
        const service = dossier.serviceConfigId ? await deps.services.byId(dossier.serviceConfigId) : null;
        const last = Math.max(0, (service?.terms.steps.length ?? 1) - 1);
        const step = Math.min(last, (input.toStep as number | undefined) ?? dossier.stepIndex + 1);
        changes.step_index = step;
        changes.holder_account_id = (input.toAccountId as string | undefined) ?? null;
        data.step = service?.terms.steps[step] ?? null;
        if (dossier.status === 'received' && !dossier.receivedAt) changes.received_at = now;
        break;
      }
      case 'extend': {
        if (dossier.extended) throw new AppError('DOSSIER_ALREADY_EXTENDED', 'the appointment may be reset at most once per dossier');
        if (!dossier.dueAt) throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', 'the dossier has no appointment time to extend');
        const newDue = new Date(input.newDueAt as string);
        if (now >= new Date(dossier.dueAt)) throw new AppError('DOSSIER_EXTENSION_TOO_LATE', 'the apology must be issued before the appointment time');
        if (newDue <= new Date(dossier.dueAt)) throw new AppError('DOSSIER_INVALID', 'the new appointment must be later than the current one');
        changes.extended = true;
        changes.due_at = newDue;
        Object.assign(data, { dueBefore: dossier.dueAt, dueAfter: newDue.toISOString() });
        break;
      }
      case 'approve': {
        const files = input.files as ResolvedFile[];
        if (files.length > 0) {
          await tx
            .insertInto('dossier_file')
            .values(files.map((f) => ({ dossier_id: dossier.id, requirement_key: f.requirementKey || 'result', file_id: f.fileId, name: f.name, media_type: f.mediaType, size_bytes: f.sizeBytes, purpose: 'result' })))
            .execute();
        }
        changes.result = JSON.stringify({ text: input.resultText, fileIds: files.map((f) => f.fileId) });
        changes.resolved_at = now;
        data.files = files.map((f) => ({ name: f.name }));
        break;
      }
      case 'assign':
        changes.holder_account_id = input.toAccountId;
        break;
      default:
        break;
    }
    if (to === 'stopped' || to === 'refused' || to === 'withdrawn') changes.holder_account_id = null;
    return { changes, data };
  }
}

export type ActionService = ReturnType<typeof createActionService>;
