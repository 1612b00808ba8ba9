/** GET/POST /tai-khoan/lien-he (new e-mail or phone) and /tai-khoan/lien-he/xac-minh (the code sent there). */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { ContactChangeService } from '../../contact-change.service.ts';
import { errorView, formField, originOf, requireSignedIn, type WebKit } from '../session.hooks.ts';

const FORM = 'identity/web/profile/contact.njk';
const VERIFY = 'identity/web/profile/contact-verify.njk';

export function registerContactPages(app: HttpServer, kit: WebKit, contacts: ContactChangeService): void {
  app.get('/tai-khoan/lien-he', { schema: { hide: true } }, async (request, reply) => {
    if (!requireSignedIn(request, reply)) return reply;
    return reply.page(FORM, { csrfToken: kit.csrfToken(request, reply), values: {} });
  });

  app.post('/tai-khoan/lien-he', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const contact = formField(request.body, 'contact').trim();
    const result = await contacts.request({ accountId: current.account.id, contact, locale: request.locale, origin: originOf(request) });
    if (!result.ok) return reply.code(400).page(FORM, { ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply), values: { contact } });
    kit.setFlow(reply, 'contact_change', result.flowId, result.masked);
    return reply.redirect('/tai-khoan/lien-he/xac-minh', 303);
  });

  app.get('/tai-khoan/lien-he/xac-minh', { schema: { hide: true } }, async (request, reply) => {
    if (!requireSignedIn(request, reply)) return reply;
    const flow = kit.readFlow(request, 'contact_change');
    if (!flow) return reply.redirect('/tai-khoan/lien-he', 303);
    return reply.page(VERIFY, { csrfToken: kit.csrfToken(request, reply), to: flow.masked });
  });

  app.post('/tai-khoan/lien-he/xac-minh', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const flow = kit.readFlow(request, 'contact_change');
    if (!flow) return reply.redirect('/tai-khoan/lien-he', 303);
    const code = formField(request.body, 'code');
    const result = await contacts.confirm({ accountId: current.account.id, flowId: flow.flowId, code, origin: originOf(request) });
    if (!result.ok) return reply.code(400).page(VERIFY, { ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply), to: flow.masked, code });
    kit.clearFlow(reply);
    return reply.redirect('/tai-khoan?da_luu=1', 303);
  });
}
