import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { OidcClientService } from './oidc-client.service.ts';

/** The signed-in person behind an OpenDVC session, as the provider needs them. */
export interface SignedIn {
  accountId: string;
  acr: string;
}

export interface InteractionDeps {
  provider: Provider;
  clients: OidcClientService;
  signedIn(request: FastifyRequest): SignedIn | null;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  checkCsrf(request: FastifyRequest): void;
}

export const INTERACTION_PATH = '/dang-nhap/uy-quyen';
const ACR_ORDER = ['urn:opendvc:loa:1', 'urn:opendvc:loa:2'];

/**
 * OpenDVC's own pages inside an OpenID Connect login: the person logs in once at OpenDVC (or is
 * already logged in: single sign-on), then government portals get their consent without asking;
 * other portals show a consent page.
 */
export function registerInteractionRoutes(app: HttpServer, deps: InteractionDeps): void {
  app.get(`${INTERACTION_PATH}/:uid`, { schema: { hide: true } }, async (request, reply) => {
    const details = await deps.provider.interactionDetails(request.raw, reply.raw);
    const { uid } = request.params as { uid: string };
    if (details.uid !== uid) return reply.redirect('/', 303);
    const person = deps.signedIn(request);
    if (details.prompt.name === 'login') {
      const wanted = String(details.params.acr_values ?? '').split(' ').filter(Boolean);
      if (!person || !meetsAcr(person.acr, wanted)) {
        const next = `${INTERACTION_PATH}/${uid}`;
        return reply.redirect(`/dang-nhap?next=${encodeURIComponent(next)}${wanted.length ? `&acr=${encodeURIComponent(wanted.join(' '))}` : ''}`, 303);
      }
      return finish(reply, deps, request, { login: { accountId: person.accountId, acr: person.acr, remember: true } });
    }
    if (details.prompt.name === 'consent') {
      const clientId = String(details.params.client_id);
      if (await deps.clients.isFirstParty(clientId)) return finish(reply, deps, request, { consent: { grantId: await grantAll(deps.provider, details) } });
      const client = await deps.provider.Client.find(clientId);
      return reply.page('identity/oidc/web/consent.njk', {
        pageTitle: 'identity.oidc.consent.title',
        clientName: client?.clientName ?? clientId,
        scopes: String(details.params.scope ?? '').split(' ').filter((s) => s && s !== 'openid'),
        uid,
        csrfToken: deps.csrfToken(request, reply),
      });
    }
    return reply.redirect('/', 303);
  });

  app.post(`${INTERACTION_PATH}/:uid/dong-y`, { schema: { hide: true } }, async (request, reply) => {
    deps.checkCsrf(request);
    const details = await deps.provider.interactionDetails(request.raw, reply.raw);
    if (details.prompt.name !== 'consent' || !deps.signedIn(request)) return reply.redirect('/', 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.decision !== 'allow') {
      return finish(reply, deps, request, { error: 'access_denied', error_description: 'the person refused consent' });
    }
    return finish(reply, deps, request, { consent: { grantId: await grantAll(deps.provider, details) } });
  });
}

function meetsAcr(acr: string, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const have = ACR_ORDER.indexOf(acr);
  return wanted.some((w) => ACR_ORDER.indexOf(w) !== -1 && have >= ACR_ORDER.indexOf(w));
}

async function finish(reply: FastifyReply, deps: InteractionDeps, request: FastifyRequest, result: Record<string, unknown>) {
  reply.hijack();
  await deps.provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
}

/** A grant of exactly what the portal asked for. */
async function grantAll(provider: Provider, details: Awaited<ReturnType<Provider['interactionDetails']>>): Promise<string> {
  const session = details.session!;
  const grant = details.grantId
    ? (await provider.Grant.find(details.grantId))!
    : new provider.Grant({ accountId: session.accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}
