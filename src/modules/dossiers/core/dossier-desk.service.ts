/**
 * Dossiers handed in at the one-stop desk or by post: the intake officer files them on the same kind of
 * record as online ones (channel recorded) and accepts them in the same transaction.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { can } from '../../identity/index.ts';
import type { DossierActor } from './dossier-actor.ts';
import type { DossierCoreDeps } from './dossier-deps.ts';
import { dueFor, missingDocuments } from './dossier-draft.service.ts';
import { allocateDossierCode, appendEvent, toDossier } from './dossier.repo.ts';
import type { Dossier } from './dossier.types.ts';

const person = z.object({
  fullName: z.string().trim().min(1).max(200).transform((s) => s.normalize('NFC')),
  idNumber: z.string().trim().regex(/^\d{12}$/).optional(),
  phone: z.string().trim().max(20).optional(),
  email: z.email().optional(),
  address: z.object({ text: z.string().trim().max(500).optional() }).optional(),
});

export const deskDossierSchema = z.object({
  procedureCode: z.string().regex(/^\d\.\d{6}$/),
  agencyCode: z.string().min(1).max(60),
  channel: z.enum(['in_person', 'postal']),
  applicant: person,
  caseKey: z.string().max(100).nullable().default(null),
  answers: z.record(z.string(), z.unknown()).default({}),
  /** Paper documents the officer checked at the desk (requirement keys). */
  documentsChecked: z.array(z.string().max(100)).default([]),
  summary: z.string().trim().max(1000).optional(),
});
export type DeskDossierInput = z.input<typeof deskDossierSchema>;

export function createDeskService(deps: DossierCoreDeps) {
  return {
    async file(actor: Extract<DossierActor, { kind: 'official' }>, raw: DeskDossierInput, idempotencyKey?: string | null): Promise<Dossier> {
      const parsed = deskDossierSchema.safeParse(raw);
      if (!parsed.success) throw new AppError('DOSSIER_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues: parsed.error.issues });
      const input = parsed.data;
      if (!can(actor, 'dossier.receive', { agencyCode: input.agencyCode })) throw new AppError('DOSSIER_FORBIDDEN', `you do not receive dossiers for agency ${input.agencyCode}`);
      const service = await deps.services.current(input.procedureCode, input.agencyCode);
      const missing = missingDocuments(service.terms, input.caseKey, input.documentsChecked.map((k) => ({ requirementKey: k })));
      if (missing.length > 0) {
        throw new AppError('DOSSIER_DOCUMENTS_MISSING', missing.map((d) => d.name).join('; '), { missing: missing.map((d) => ({ key: d.key, name: d.name })) });
      }
      const checked = await deps.services.validateAnswers(service, input.answers, input.caseKey);
      if (!checked.ok) throw new AppError('DOSSIER_INVALID', checked.errors.map((e) => e.field).join(', '), { errors: checked.errors });
      return deps.db.transaction().execute(async (tx) => {
        if (idempotencyKey) {
          // Two posts of one form at the same moment: the second waits here, then finds the first one's dossier.
          await sql`SELECT pg_advisory_xact_lock(hashtext(${`desk:${actor.accountId}:${idempotencyKey}`}))`.execute(tx);
          const earlier = await tx.selectFrom('dossier_event').select('dossier_id').where('idempotency_key', '=', idempotencyKey).where('actor_id', '=', actor.accountId).where('type', '=', 'received').executeTakeFirst();
          if (earlier) return toDossier(await tx.selectFrom('dossier').selectAll().where('id', '=', earlier.dossier_id).executeTakeFirstOrThrow());
        }
        const now = deps.now();
        const { duration, due } = dueFor(deps, service.terms, input.channel, now);
        const code = await allocateDossierCode(tx, input.agencyCode, now);
        const row = await tx
          .insertInto('dossier')
          .values({
            code,
            procedure_code: service.procedureCode,
            procedure_name: service.procedureName,
            catalog_version: service.catalogVersion,
            service_config_id: service.id,
            agency_code: input.agencyCode,
            status: 'received',
            channel: input.channel,
            origin: 'desk',
            applicant: JSON.stringify({ ...input.applicant, subjectType: 1 }),
            applicant_id_number: input.applicant.idNumber ?? null,
            case_key: input.caseKey,
            answers: JSON.stringify(checked.answers),
            summary: input.summary ?? null,
            submitted_at: now,
            received_at: now,
            due_at: due,
            original_due_at: due,
            duration: duration ? JSON.stringify(duration) : null,
            holder_account_id: actor.accountId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return appendEvent(
          tx,
          toDossier(row),
          { type: 'received', statusFrom: null, statusTo: 'received', actorKind: 'official', actorId: actor.accountId, actorName: actor.name, idempotencyKey: idempotencyKey ?? null, occurredAt: now, data: { channel: input.channel, documentsChecked: input.documentsChecked, dueAt: due?.toISOString() ?? null } },
        );
      });
    },
  };
}
