/**
 * Admin pages of the service configuration, for agency admins (`service.configure`):
 * GET /quan-tri/dich-vu (configured services, open one by procedure code),
 * GET /quan-tri/dich-vu/{procedureCode}/{agencyCode} (the current version and its history),
 * GET/POST …/cai-dat (steps, fees, online level, supplement days, required documents),
 * GET/POST …/dinh-nghia (the whole definition as JSON). Every save publishes a new version.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import { agenciesWhere, can, type Actor } from '../../../identity/index.ts';
import type { ServiceConfigService } from '../../service-config/service-config.service.ts';
import { serviceDefinitionSchema, type DefinitionProblem, type Localized, type ServiceConfigVersion } from '../../service-config/service-config.types.ts';
import type { Messages } from '../../../../platform/i18n/i18n.ts';
import { serviceConfigMessages } from './service-config.messages.ts';
import { detailView } from './service-config-view.presenter.ts';
import { applySettings, postedBaseVersion, readSettingsForm, settingsErrorOf, settingsValuesOf, type PageError, type SettingsValues } from './settings-form.validation.ts';

export const SERVICES_PATH = '/quan-tri/dich-vu';
const VIEWS = 'dossiers/web/service-config';
const PROCEDURE_CODE = /^\d\.\d{6}$/;

export interface ServiceAdminDeps {
  service: ServiceConfigService;
  /** The person behind an active session as an actor; null when nobody is signed in (or a login is unfinished). */
  signedInActor(request: FastifyRequest): Actor | null;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws (403) on a form post without the right token. */
  checkCsrf(request: FastifyRequest): void;
}

type Params = { procedureCode: string; agencyCode: string };

export function registerServiceConfigPages(app: HttpServer, deps: ServiceAdminDeps): void {
  /** The signed-in admin, or a redirect to the login page; 403 for anyone else. */
  const adminFor = (request: FastifyRequest, reply: FastifyReply, agencyCode?: string): Actor | null => {
    const actor = deps.signedInActor(request);
    if (!actor || actor.kind === 'anonymous') {
      void reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    const allowed = agencyCode === undefined ? agenciesWhere(actor, 'service.configure').length > 0 : can(actor, 'service.configure', { agencyCode });
    if (!allowed) {
      request.log.warn({ accountId: actor.accountId, url: request.url }, 'service configuration refused: not an admin of the agency');
      throw new AppError('DOSSIER_SERVICE_FORBIDDEN');
    }
    return actor;
  };
  const pathOf = (p: Params) => `${SERVICES_PATH}/${encodeURIComponent(p.procedureCode)}/${encodeURIComponent(p.agencyCode)}`;
  const errorData = (errors: PageError[]) => {
    const shown = errors.map((e) => ({ field: e.field, text: e.text ?? messageText(e.messageKey ?? '', e.params) }));
    return { hasErrors: shown.length > 0, errors: shown, errorMap: Object.fromEntries(shown.map((e) => [e.field, e])) };
  };

  app.get(SERVICES_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = adminFor(request, reply);
    if (!actor) return reply;
    const agencies = agenciesWhere(actor, 'service.configure');
    const query = request.query as Record<string, unknown>;
    const values = { code: typeof query.code === 'string' ? query.code.trim() : '', agency: typeof query.agency === 'string' ? query.agency : (agencies[0] ?? '') };
    const errors: PageError[] = [];
    if (query.code !== undefined) {
      if (!PROCEDURE_CODE.test(values.code)) errors.push({ field: 'code', messageKey: 'serviceConfig.list.errors.code' });
      if (!agencies.includes(values.agency)) errors.push({ field: 'agency', messageKey: 'serviceConfig.list.errors.agency' });
      if (errors.length === 0) return reply.redirect(pathOf({ procedureCode: values.code, agencyCode: values.agency }), 303);
    }
    const services = await deps.service.listForAgencies(agencies);
    return reply.code(errors.length > 0 ? 400 : 200).page(`${VIEWS}/list.njk`, { agencies, services, values, ...errorData(errors) });
  });

  app.get(`${SERVICES_PATH}/:procedureCode/:agencyCode`, { schema: { hide: true } }, async (request, reply) => {
    const params = request.params as Params;
    if (!adminFor(request, reply, params.agencyCode)) return reply;
    const current = await deps.service.current(params.procedureCode, params.agencyCode);
    const history = await deps.service.history(params.procedureCode, params.agencyCode);
    const query = request.query as Record<string, unknown>;
    const notice = query.kq === 'da-luu' || query.kq === 'khong-doi' ? { key: query.kq === 'da-luu' ? 'saved' : 'unchanged', version: current.version } : null;
    return reply.page(`${VIEWS}/detail.njk`, { ...detailView(current, history), notice, basePath: pathOf(params) });
  });

  const settingsPage = (request: FastifyRequest, reply: FastifyReply, current: ServiceConfigVersion, values: SettingsValues, errors: PageError[] = []) =>
    reply.page(`${VIEWS}/settings.njk`, { current, values, basePath: pathOf(current), csrfToken: deps.csrfToken(request, reply), ...errorData(errors) });

  app.get(`${SERVICES_PATH}/:procedureCode/:agencyCode/cai-dat`, { schema: { hide: true } }, async (request, reply) => {
    const params = request.params as Params;
    if (!adminFor(request, reply, params.agencyCode)) return reply;
    const current = await deps.service.current(params.procedureCode, params.agencyCode);
    return settingsPage(request, reply, current, settingsValuesOf(current.definition, current.version));
  });

  app.post(`${SERVICES_PATH}/:procedureCode/:agencyCode/cai-dat`, { schema: { hide: true } }, async (request, reply) => {
    deps.checkCsrf(request);
    const params = request.params as Params;
    const actor = adminFor(request, reply, params.agencyCode);
    if (!actor) return reply;
    // The form is laid out over the version the admin opened: edit that one, and let publish refuse if it is no longer current.
    const base = await baseOf(deps.service, params, postedBaseVersion(request.body));
    const values = readSettingsForm(request.body, base.definition);
    const applied = applySettings(base.definition, values);
    if (!applied.ok) return settingsPage(request, reply.code(400), base, values, applied.errors);
    const outcome = await publishOrErrors(request, actor, params, applied.definition, base.version, settingsErrorOf);
    if ('errors' in outcome) return settingsPage(request, reply.code(outcome.status), base, values, outcome.errors);
    return reply.redirect(`${pathOf(params)}?kq=${outcome.published.version === base.version ? 'khong-doi' : 'da-luu'}`, 303);
  });

  const jsonPage = (request: FastifyRequest, reply: FastifyReply, current: ServiceConfigVersion, text: string, baseVersion: string, errors: PageError[] = []) =>
    reply.page(`${VIEWS}/json.njk`, { current, text, baseVersion, basePath: pathOf(current), csrfToken: deps.csrfToken(request, reply), ...errorData(errors) });

  app.get(`${SERVICES_PATH}/:procedureCode/:agencyCode/dinh-nghia`, { schema: { hide: true } }, async (request, reply) => {
    const params = request.params as Params;
    if (!adminFor(request, reply, params.agencyCode)) return reply;
    const current = await deps.service.current(params.procedureCode, params.agencyCode);
    // jsonb keeps keys in its own order; the schema's order (form first, then cases…) reads better.
    const ordered = serviceDefinitionSchema.safeParse(current.definition);
    return jsonPage(request, reply, current, JSON.stringify(ordered.success ? ordered.data : current.definition, null, 2), String(current.version));
  });

  // The largest catalog definitions are ~75 kB of JSON, about three times that once form-encoded.
  app.post(`${SERVICES_PATH}/:procedureCode/:agencyCode/dinh-nghia`, { schema: { hide: true }, bodyLimit: 1024 * 1024 }, async (request, reply) => {
    deps.checkCsrf(request);
    const params = request.params as Params;
    const actor = adminFor(request, reply, params.agencyCode);
    if (!actor) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = typeof body.definition === 'string' ? body.definition.normalize('NFC') : '';
    const baseVersion = postedBaseVersion(body);
    const base = await baseOf(deps.service, params, baseVersion);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const error = { field: 'definition', messageKey: 'serviceConfig.json.errors.syntax', params: { reason: (err as Error).message } };
      return jsonPage(request, reply.code(400), base, text, baseVersion, [error]);
    }
    const asPageError = (p: DefinitionProblem): PageError => ({ field: 'definition', text: { vi: `${p.path}: ${p.message.vi}`, en: `${p.path}: ${p.message.en}` } });
    const outcome = await publishOrErrors(request, actor, params, parsed, base.version, asPageError);
    if ('errors' in outcome) return jsonPage(request, reply.code(outcome.status), base, text, baseVersion, outcome.errors);
    return reply.redirect(`${pathOf(params)}?kq=${outcome.published.version === base.version ? 'khong-doi' : 'da-luu'}`, 303);
  });

  /** Publishes, turning the expected refusals (invalid, published meanwhile) into page errors. */
  async function publishOrErrors(
    request: FastifyRequest,
    actor: Actor,
    p: Params,
    definition: unknown,
    baseVersion: number,
    toPageError: (problem: DefinitionProblem) => PageError,
  ): Promise<{ published: ServiceConfigVersion } | { status: number; errors: PageError[] }> {
    try {
      const published = await deps.service.publish(actor, p.procedureCode, p.agencyCode, definition, { baseVersion });
      request.log.info({ procedureCode: p.procedureCode, agencyCode: p.agencyCode, version: published.version, by: actor.kind === 'official' ? actor.accountId : null }, 'service configuration published');
      return { published };
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'DOSSIER_SERVICE_CONFLICT') return { status: 409, errors: [{ field: 'main-content', messageKey: 'serviceConfig.errors.conflict' }] };
      if (err.code !== 'DOSSIER_SERVICE_INVALID') throw err;
      const problems = (err.extra.errors as Array<{ path: string; code: string; messages: DefinitionProblem['message'] }>).map((e) => ({ path: e.path, code: e.code, message: e.messages }));
      return { status: 400, errors: problems.map(toPageError) };
    }
  }
}

/** A message of this page in both languages, so templates show `text[locale]` for every error alike. */
function messageText(key: string, params: Record<string, unknown> = {}): Localized {
  const lookup = (catalogue: Messages) => {
    const found = key.split('.').reduce<Messages | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), catalogue);
    return (typeof found === 'string' ? found : key).replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
  };
  return { vi: lookup(serviceConfigMessages.vi), en: lookup(serviceConfigMessages.en) };
}

/** The version an edit started from (the posted baseVersion), else the current one. */
async function baseOf(service: ServiceConfigService, p: Params, baseVersion: string): Promise<ServiceConfigVersion> {
  const current = await service.current(p.procedureCode, p.agencyCode);
  const wanted = /^\d{1,9}$/.test(baseVersion) ? Number(baseVersion) : current.version;
  if (wanted === current.version) return current;
  const summary = (await service.history(p.procedureCode, p.agencyCode)).find((h) => h.version === wanted);
  return summary ? service.byId(summary.id) : current;
}
