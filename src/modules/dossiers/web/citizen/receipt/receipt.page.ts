/**
 * GET /ho-so/{id}/bien-nhan: the confirmation after submitting (dossier code, appointment time, what
 * happens next); GET /ho-so/{id}/bien-nhan.pdf: the same receipt as form 01.
 */
import type { FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { renderReceiptPdf } from '../../../forms/receipt-form.presenter.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formatLongTime } from '../citizen-time.presenter.ts';
import type { DraftContextLoader } from '../draft-context.service.ts';
import { agencyHeader, loadUnitNames } from '../unit-names.service.ts';
import { receiptFormInput } from './receipt-form.presenter.ts';

type Params = { Params: { id: string } };

/** The portal's address for links printed on paper: PUBLIC_URL, else this request's origin. */
export function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

export function registerReceiptPages(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  app.get<Params>('/ho-so/:id/bien-nhan', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    if (view.status === 'draft' || !view.code) return reply.redirect(`/ho-so/${view.id}`, 303);
    return reply.page('dossiers/web/citizen/receipt/receipt.njk', {
      dossier: {
        id: view.id,
        code: view.code,
        procedureName: view.procedureName,
        agencyName: view.agencyName,
        submittedAt: formatLongTime(view.submittedAt, request.locale),
        dueAt: formatLongTime(view.dueAt, request.locale),
        email: (view.submitter ?? view.applicant).email ?? null,
      },
      hasPdf: view.dueAt !== null,
    });
  });

  app.get<Params>('/ho-so/:id/bien-nhan.pdf', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/bien-nhan`);
    if (!who) return reply;
    const { view, definition } = await drafts.load(who.actor, request.params.id);
    const addresses = [view.applicant.address?.provinceCode, view.submitter?.address?.provinceCode].filter((c): c is string => !!c);
    const names = await loadUnitNames(deps.units, addresses);
    const agency = await agencyHeader(deps.agencies, deps.units, view.agencyCode, view.agencyName);
    const input = receiptFormInput(view, definition, agency, names.address, originOf(request, deps.publicUrl));
    if (!input) return reply.callNotFound();
    const pdf = await renderReceiptPdf(input);
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `inline; filename="bien-nhan-${view.code}.pdf"`)
      .header('Cache-Control', 'private, no-store')
      .send(Buffer.from(pdf));
  });
}
