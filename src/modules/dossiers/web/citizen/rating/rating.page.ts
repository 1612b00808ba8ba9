/**
 * GET/POST /ho-so/{id}/danh-gia: the citizen's rating of a finished dossier with the 9 + 2 indices
 * (DOMAIN §7). The citizen answers indices 3, 4 and 7 and the two satisfaction questions; the
 * others come from the dossier's times and from reporting. Once only.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { DossierView } from '../../../core/dossier-query.service.ts';
import { SATISFACTION } from '../../../core/dossier-rating.service.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText } from '../citizen-request.parser.ts';
import type { PageError } from '../documents/document-list.presenter.ts';

type Params = { Params: { id: string } };

/** The questions in the order asked, each with its answers. */
export const RATING_QUESTIONS = {
  deskContacts: ['none', 'one', 'more'],
  agenciesContacted: ['none', 'desk_only', 'more'],
  staffConduct: ['good', 'complaint'],
  easeOfUse: SATISFACTION,
  overall: SATISFACTION,
} as const;
type Question = keyof typeof RATING_QUESTIONS;
const COMMENT_MAX = 2000;

const rateable = (view: DossierView) => (view.status === 'resolved' || view.status === 'returned') && view.rating === null;

export function registerRatingPage(app: HttpServer, deps: CitizenPagesDeps): void {
  function render(request: FastifyRequest, reply: FastifyReply, view: DossierView, values: Record<string, string>, errors: PageError[] = []) {
    return reply.page('dossiers/web/citizen/rating/rating.njk', {
      dossier: { id: view.id, code: view.code, procedureName: view.procedureName, progress: view.progress },
      questions: (Object.keys(RATING_QUESTIONS) as Question[]).map((q) => ({ key: q, options: RATING_QUESTIONS[q], value: values[q] ?? '', error: errors.find((e) => e.href === `#${q}`) ?? null })),
      comment: values.comment ?? '',
      commentError: errors.find((e) => e.href === '#comment') ?? null,
      hasErrors: errors.length > 0,
      errorList: errors,
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }

  app.get<Params>('/ho-so/:id/danh-gia', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    if (!rateable(view)) return reply.redirect(`/ho-so/${view.id}`, 303);
    return render(request, reply, view, {});
  });

  app.post<Params>('/ho-so/:id/danh-gia', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/danh-gia`);
    if (!who) return reply;
    const values: Record<string, string> = { comment: formText(request.body, 'comment') };
    const errors: PageError[] = [];
    for (const q of Object.keys(RATING_QUESTIONS) as Question[]) {
      values[q] = formText(request.body, q);
      if (!(RATING_QUESTIONS[q] as readonly string[]).includes(values[q]!)) errors.push({ href: `#${q}`, key: `dossiers.citizen.rating.${q}.required` });
    }
    if ([...values.comment!].length > COMMENT_MAX) errors.push({ href: '#comment', key: 'dossiers.citizen.rating.commentTooLong', params: { n: COMMENT_MAX } });
    if (errors.length > 0) return render(request, reply.code(400), await deps.queries.get(who.actor, request.params.id), values, errors);
    // A second rating is refused by the core (DOSSIER_ALREADY_RATED, 409 page).
    await deps.ratings.rate(who.actor, request.params.id, {
      deskContacts: values.deskContacts as 'none',
      agenciesContacted: values.agenciesContacted as 'none',
      staffConduct: values.staffConduct as 'good',
      easeOfUse: values.easeOfUse as 'satisfied',
      overall: values.overall as 'satisfied',
      comment: values.comment || undefined,
    });
    return reply.redirect(`/ho-so/${request.params.id}?da_danh_gia=1`, 303);
  });
}
