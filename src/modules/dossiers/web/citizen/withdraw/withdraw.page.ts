/** GET/POST /ho-so/{id}/rut: withdrawing a dossier before its result (DOMAIN §3.6), after a confirmation. */
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formKey, formText, newFormKey } from '../citizen-request.parser.ts';

type Params = { Params: { id: string } };
const REASON_MAX = 2000;

export function registerWithdrawPage(app: HttpServer, deps: CitizenPagesDeps): void {
  app.get<Params>('/ho-so/:id/rut', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    if (!view.allowedActions.includes('withdraw')) return reply.redirect(`/ho-so/${view.id}`, 303);
    return reply.page('dossiers/web/citizen/withdraw/withdraw.njk', { dossier: view, reason: '', formKey: newFormKey(), csrfToken: deps.web.csrfToken(request, reply) });
  });

  app.post<Params>('/ho-so/:id/rut', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/rut`);
    if (!who) return reply;
    const reason = formText(request.body, 'reason');
    if ([...reason].length > REASON_MAX) {
      const view = await deps.queries.get(who.actor, request.params.id);
      return reply.code(400).page('dossiers/web/citizen/withdraw/withdraw.njk', {
        dossier: view,
        reason,
        formKey: formKey(request.body) ?? newFormKey(),
        hasErrors: true,
        errorList: [{ href: '#reason', key: 'dossiers.citizen.withdraw.tooLong', params: { n: REASON_MAX } }],
        csrfToken: deps.web.csrfToken(request, reply),
      });
    }
    // The key makes a double click withdraw once; the second post finds the first one's event.
    const dossier = await deps.actions.act(who.actor, request.params.id, 'withdraw', reason ? { reason } : {}, formKey(request.body) && `withdraw:${formKey(request.body)}`);
    return reply.redirect(`/ho-so/${dossier.id}?da_rut=1`, 303);
  });
}
