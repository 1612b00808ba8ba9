/** GET /can-bo/ho-so/{id}/mau/{01..05}.pdf: the forms a dossier was issued, printed from its timeline. */
import { AppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { renderExtensionApologyPdf } from '../../../forms/extension-apology-form.presenter.ts';
import { renderProcessingStopPdf } from '../../../forms/processing-stop-form.presenter.ts';
import { renderReceiptPdf } from '../../../forms/receipt-form.presenter.ts';
import { renderRefusalPdf } from '../../../forms/refusal-form.presenter.ts';
import { renderSupplementRequestPdf } from '../../../forms/supplement-request-form.presenter.ts';
import type { BackOfficeDeps } from '../back-office.types.ts';
import { OFFICE_PATH, UUID } from '../back-office-view.presenter.ts';
import { unitNamer } from '../dossier/dossier.presenter.ts';
import { requireOfficial } from '../official.policy.ts';
import { extensionInput, FORM_NUMBERS, issuingEvent, receiptInput, refusalInput, stopInput, supplementInput, type FormContext, type FormNumber } from './form-input.presenter.ts';

const RENDER: Record<FormNumber, (ctx: FormContext, event: Parameters<typeof receiptInput>[1]) => Promise<Uint8Array>> = {
  '01': (ctx, e) => renderReceiptPdf(receiptInput(ctx, e)),
  '02': (ctx, e) => renderSupplementRequestPdf(supplementInput(ctx, e)),
  '03': (ctx, e) => renderRefusalPdf(refusalInput(ctx, e)),
  '04': (ctx, e) => renderExtensionApologyPdf(extensionInput(ctx, e)),
  '05': (ctx, e) => renderProcessingStopPdf(stopInput(ctx, e)),
};

export function registerFormPdfPage(app: HttpServer, deps: BackOfficeDeps): void {
  app.get(`${OFFICE_PATH}/:id/mau/:file`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    const { id, file } = request.params as { id: string; file: string };
    const number = /^(\d{2})\.pdf$/.exec(file)?.[1] as FormNumber | undefined;
    if (!UUID.test(id) || !number || !(FORM_NUMBERS as readonly string[]).includes(number)) throw new AppError('NOT_FOUND');
    const view = await deps.queries.get(actor, id);
    const event = issuingEvent(view, number);
    if (!event || !view.code) throw new AppError('NOT_FOUND', `dossier ${view.code ?? id} has no form ${number}`);
    const definition = view.serviceConfigId ? (await deps.configs.byId(view.serviceConfigId)).definition : null;
    const addressOf = await unitNamer(deps.units);
    const origin = deps.publicUrl ?? `${request.protocol}://${request.host}`;
    const bytes = await RENDER[number](
      { view, definition, applicantAddress: await addressOf(view.applicant.address), submitterAddress: await addressOf(view.submitter?.address), trackingUrl: `${origin.replace(/\/$/, '')}/tra-cuu-ho-so` },
      event,
    );
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="mau-${number}-${view.code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
      .header('Cache-Control', 'private, no-store')
      .send(Buffer.from(bytes));
  });
}
