/**
 * The citizen's rating of a finished dossier with the 9 + 2 indices (DOMAIN §7, question set of
 * TT 01/2018). Indices 1 comes from the dossier's own times; 3, 4 and 7 and the two satisfaction
 * questions from the citizen; 2, 5, 6, 8 and 9 describe the agency's units and are left to reporting.
 */
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { classifyCompletion } from '../deadline.workflow.ts';
import { permitsOn, type DossierActor } from './dossier-actor.ts';
import type { DossierCoreDeps } from './dossier-deps.ts';
import { appendEvent, findDossier } from './dossier.repo.ts';
import type { Dossier } from './dossier.types.ts';

export const RATING_QUESTION_SET = 'tt01-2018-9+2';
export const SATISFACTION = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;

export const ratingInputSchema = z.object({
  /** Index 3: how many times the applicant had to contact the desk to complete the dossier. */
  deskContacts: z.enum(['none', 'one', 'more']),
  /** Index 4: agencies the applicant had to contact. */
  agenciesContacted: z.enum(['none', 'desk_only', 'more']),
  /** Index 7: staff attitude (any harassment or misconduct?). */
  staffConduct: z.enum(['good', 'complaint']),
  easeOfUse: z.enum(SATISFACTION),
  overall: z.enum(SATISFACTION),
  comment: z.string().trim().max(2000).transform((s) => s.normalize('NFC')).optional(),
});
export type RatingInput = z.input<typeof ratingInputSchema>;

const POINTS = { none: 2, one: 1, more: 0, desk_only: 1 } as const;

/** The scored indices; null where the dossier alone cannot say. */
export function scoreRating(dossier: Pick<Dossier, 'dueAt' | 'resolvedAt' | 'finishedAt'>, input: z.output<typeof ratingInputSchema>) {
  const finished = dossier.resolvedAt ?? dossier.finishedAt;
  const timing = dossier.dueAt && finished ? classifyCompletion(new Date(dossier.dueAt), new Date(finished)) : null;
  const index1 = timing === null ? null : timing === 'early' ? 2 : timing === 'on_time' ? 1 : 0;
  return {
    index1,
    index2: null,
    index3: POINTS[input.deskContacts],
    index4: POINTS[input.agenciesContacted],
    index5: null,
    index6: null,
    index7: input.staffConduct === 'complaint' ? 0 : timing === 'early' ? 2 : 1,
    index8: null,
    index9: null,
    index10: input.easeOfUse,
    index11: input.overall,
  };
}

export function createRatingService(deps: DossierCoreDeps) {
  return {
    async rate(actor: Extract<DossierActor, { kind: 'applicant' }>, dossierId: string, raw: RatingInput) {
      const parsed = ratingInputSchema.safeParse(raw);
      if (!parsed.success) throw new AppError('DOSSIER_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues: parsed.error.issues });
      return deps.db.transaction().execute(async (tx) => {
        const dossier = await findDossier(tx, dossierId, { forUpdate: true });
        if (!dossier || !permitsOn(actor, dossier)('applicant')) throw new AppError('DOSSIER_NOT_FOUND');
        if (dossier.status !== 'returned' && dossier.status !== 'resolved') throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', 'a dossier is rated once its result is ready', { dossierStatus: dossier.status });
        const scores = scoreRating(dossier, parsed.data);
        const inserted = await tx
          .insertInto('dossier_rating')
          .values({ dossier_id: dossier.id, question_set: RATING_QUESTION_SET, scores: JSON.stringify(scores), comment: parsed.data.comment ?? null, rated_by: actor.accountId })
          .onConflict((oc) => oc.column('dossier_id').doNothing())
          .returning('dossier_id')
          .executeTakeFirst();
        if (!inserted) throw new AppError('DOSSIER_ALREADY_RATED');
        await appendEvent(tx, dossier, { type: 'rated', statusFrom: dossier.status, statusTo: null, actorKind: 'applicant', actorId: actor.accountId, actorName: actor.name, occurredAt: deps.now(), data: { questionSet: RATING_QUESTION_SET, scores } });
        return scores;
      });
    },
  };
}
