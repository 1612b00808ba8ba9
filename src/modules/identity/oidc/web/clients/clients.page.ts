/**
 * The client registry for system admins: GET /quan-tri/ung-dung (list), GET/POST …/moi (register; the
 * secret is shown once), GET/POST …/:clientId/doi-khoa (rotate; the new secret shown once),
 * POST …/:clientId/vo-hieu-hoa and …/kich-hoat (disable, enable). Every change is audited by the
 * registry in the same transaction.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { Origin } from '../../../account.types.ts';
import { can, type Actor } from '../../../authorization.policy.ts';
import { API_SCOPES, USER_SCOPES, type ClientAdminChange, type OidcClientService } from '../../oidc-client.service.ts';
import { checkClientForm, readClientForm, type ClientFormValues } from './client-form.workflow.ts';

export const CLIENTS_PATH = '/quan-tri/ung-dung';
const VIEWS = 'identity/oidc/web/clients';

export interface ClientAdminDeps {
  /** The person behind an active session as an actor, or null when nobody is signed in (or a login is unfinished). */
  signedInActor(request: FastifyRequest): Actor | null;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws IDENTITY_CSRF_INVALID (403) on a post without the right token. */
  checkCsrf(request: FastifyRequest): void;
}

const EMPTY_FORM: ClientFormValues = { name: '', kind: '', redirectUris: '', postLogoutRedirectUris: '', backchannelLogoutUri: '', scopes: [], firstParty: false };

export function registerClientPages(app: HttpServer, clients: OidcClientService, deps: ClientAdminDeps): void {
  /** Officials holding `system.manage_clients` (system admins) only; their login already passed TOTP. */
  const admin = (request: FastifyRequest, reply: FastifyReply): ClientAdminChange | null => {
    const actor = deps.signedInActor(request);
    if (!actor || actor.kind === 'anonymous') {
      void reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    if (!can(actor, 'system.manage_clients')) {
      request.log.warn({ accountId: actor.accountId, url: request.url }, 'client registry refused: not a system admin');
      throw new AppError('IDENTITY_FORBIDDEN', 'the client registry is for system admins');
    }
    return { actorId: actor.accountId, origin: originOf(request) };
  };
  /** A page with a secret must not be kept by the browser or a proxy. */
  const secretPage = (reply: FastifyReply, data: Record<string, unknown>) =>
    reply.header('cache-control', 'no-store').page(`${VIEWS}/secret.njk`, data);
  const form = (request: FastifyRequest, reply: FastifyReply, values: ClientFormValues, errors: { field: string; messageKey: string; params?: Record<string, unknown> }[] = []) =>
    reply.page(`${VIEWS}/new.njk`, {
      csrfToken: deps.csrfToken(request, reply),
      values,
      userScopes: USER_SCOPES,
      apiScopes: API_SCOPES,
      hasErrors: errors.length > 0,
      errors,
      errorMap: Object.fromEntries(errors.map((e) => [e.field, e])),
    });
  const clientIdOf = (request: FastifyRequest) => (request.params as { clientId: string }).clientId;

  app.get(CLIENTS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!admin(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    const list = await clients.list();
    const noticeClient = typeof query.ung_dung === 'string' ? list.find((c) => c.clientId === query.ung_dung) : undefined;
    return reply.page(`${VIEWS}/list.njk`, {
      csrfToken: deps.csrfToken(request, reply),
      clients: list,
      notice: noticeClient && (query.kq === 'vo-hieu-hoa' || query.kq === 'kich-hoat') ? { kind: query.kq === 'kich-hoat' ? 'enabled' : 'disabled', client: noticeClient.name } : null,
    });
  });

  app.get(`${CLIENTS_PATH}/moi`, { schema: { hide: true } }, async (request, reply) => {
    if (!admin(request, reply)) return reply;
    return form(request, reply, { ...EMPTY_FORM, scopes: ['openid', 'profile'] });
  });

  app.post(`${CLIENTS_PATH}/moi`, { schema: { hide: true } }, async (request, reply) => {
    deps.checkCsrf(request);
    const by = admin(request, reply);
    if (!by) return reply;
    const values = readClientForm(request.body);
    const checked = checkClientForm(values, clients.uriProblem);
    if (!checked.ok) {
      request.log.info({ fields: checked.errors.map((e) => e.messageKey) }, 'client registration form rejected');
      return form(request, reply.code(400), values, checked.errors);
    }
    const created = await clients.register(checked.registration, by);
    request.log.info({ clientId: created.clientId, by: by.actorId }, 'client registered');
    return secretPage(reply, { title: 'identity.oidc.clients.secret.title', name: checked.registration.name, ...created });
  });

  app.get(`${CLIENTS_PATH}/:clientId/doi-khoa`, { schema: { hide: true } }, async (request, reply) => {
    if (!admin(request, reply)) return reply;
    const client = await clients.find(clientIdOf(request));
    if (!client) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
    return reply.page(`${VIEWS}/rotate.njk`, { csrfToken: deps.csrfToken(request, reply), client });
  });

  app.post(`${CLIENTS_PATH}/:clientId/doi-khoa`, { schema: { hide: true } }, async (request, reply) => {
    deps.checkCsrf(request);
    const by = admin(request, reply);
    if (!by) return reply;
    const client = await clients.find(clientIdOf(request));
    if (!client) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
    const rotated = await clients.rotateSecret(client.clientId, by);
    request.log.info({ clientId: client.clientId, by: by.actorId }, 'client secret rotated');
    return secretPage(reply, { title: 'identity.oidc.clients.secret.rotatedTitle', name: client.name, ...rotated });
  });

  for (const [segment, disabled] of [['vo-hieu-hoa', true], ['kich-hoat', false]] as const) {
    app.post(`${CLIENTS_PATH}/:clientId/${segment}`, { schema: { hide: true } }, async (request, reply) => {
      deps.checkCsrf(request);
      const by = admin(request, reply);
      if (!by) return reply;
      const clientId = clientIdOf(request);
      await clients.setDisabled(clientId, disabled, by);
      request.log.info({ clientId, disabled, by: by.actorId }, 'client availability changed');
      return reply.redirect(`${CLIENTS_PATH}?kq=${segment}&ung_dung=${encodeURIComponent(clientId)}`, 303);
    });
  }
}

function originOf(request: FastifyRequest): Origin {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}
