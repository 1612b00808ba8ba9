/** GET/POST /tai-khoan/dia-chi/:kind: permanent (thuong-tru) or current (hien-tai) address through the 2025 administrative units. */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { AdminUnitLookup } from '../../identity-deps.types.ts';
import type { ProfileService } from '../../profile.service.ts';
import { errorView, formField, originOf, requireSignedIn, type WebKit } from '../session.hooks.ts';

const KINDS = { 'thuong-tru': 'permanent', 'hien-tai': 'current' } as const;
type KindSlug = keyof typeof KINDS;

export function registerAddressPages(app: HttpServer, kit: WebKit, profiles: ProfileService, units: AdminUnitLookup): void {
  app.get('/tai-khoan/dia-chi/:kind', { schema: { hide: true } }, async (request, reply) => {
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const slug = (request.params as { kind: string }).kind;
    if (!(slug in KINDS)) return reply.callNotFound();
    const saved = current.account[KINDS[slug as KindSlug] === 'permanent' ? 'permanentAddress' : 'currentAddress'];
    const chosen = String((request.query as Record<string, unknown>).tinh ?? saved.provinceCode ?? '');
    const values = { provinceCode: chosen, communeCode: saved.communeCode ?? '', street: saved.street ?? '' };
    return reply.page('identity/web/profile/address.njk', { ...(await addressView(slug, values, request.locale)), csrfToken: kit.csrfToken(request, reply) });
  });

  app.post('/tai-khoan/dia-chi/:kind', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const slug = (request.params as { kind: string }).kind;
    if (!(slug in KINDS)) return reply.callNotFound();
    const values = { provinceCode: formField(request.body, 'provinceCode'), communeCode: formField(request.body, 'communeCode'), street: formField(request.body, 'street') };
    const result = await profiles.updateAddress(current.account.id, KINDS[slug as KindSlug], values, originOf(request));
    if (!result.ok) {
      return reply.code(400).page('identity/web/profile/address.njk', { ...(await addressView(slug, values, request.locale)), ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply) });
    }
    return reply.redirect('/tai-khoan?da_luu=1', 303);
  });

  // Without JavaScript a commune list cannot follow the province: the province is chosen first
  // (GET ?tinh=), then the page offers that province's communes.
  async function addressView(slug: string, values: { provinceCode: string; communeCode: string; street: string }, _locale: string) {
    const provinces = await units.listProvinces();
    const communes = values.provinceCode ? await units.listCommunes(values.provinceCode).catch(() => []) : [];
    return { slug, values, provinces, communes, kindKey: KINDS[slug as KindSlug] };
  }
}
