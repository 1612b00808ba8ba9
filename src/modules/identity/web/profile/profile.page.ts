/** GET /tai-khoan (the account) and GET/POST /tai-khoan/thong-tin (personal details). */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { ProfileService } from '../../profile.service.ts';
import type { Address } from '../../account.types.ts';
import type { AdminUnitLookup } from '../../identity-deps.types.ts';
import { errorView, formField, originOf, requireSignedIn, type WebKit } from '../session.hooks.ts';

export function registerProfilePages(app: HttpServer, kit: WebKit, profiles: ProfileService, units: AdminUnitLookup): void {
  const addressText = async (a: Address) => {
    if (!a.provinceCode) return null;
    const province = (await units.listProvinces()).find((p) => p.code === a.provinceCode);
    const commune = (await units.listCommunes(a.provinceCode).catch(() => [])).find((c) => c.code === a.communeCode);
    return [a.street, commune?.name, province?.name].filter(Boolean).join(', ');
  };

  app.get('/tai-khoan', { schema: { hide: true } }, async (request, reply) => {
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const a = current.account;
    return reply.page('identity/web/profile/profile.njk', {
      csrfToken: kit.csrfToken(request, reply),
      account: a,
      permanent: await addressText(a.permanentAddress),
      currentAddress: await addressText(a.currentAddress),
      idNumberConfirmed: await profiles.isIdNumberConfirmed(a.id),
      saved: (request.query as Record<string, unknown>).da_luu === '1',
    });
  });

  app.get('/tai-khoan/thong-tin', { schema: { hide: true } }, async (request, reply) => {
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const a = current.account;
    const values = { fullName: a.fullName ?? '', dateOfBirth: a.dateOfBirth ?? '', sex: a.sex ?? '', idNumber: a.idNumber ?? '' };
    return reply.page('identity/web/profile/details.njk', { csrfToken: kit.csrfToken(request, reply), values, idNumberConfirmed: await profiles.isIdNumberConfirmed(a.id) });
  });

  app.post('/tai-khoan/thong-tin', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const values = { fullName: formField(request.body, 'fullName'), dateOfBirth: formField(request.body, 'dateOfBirth').trim(), sex: formField(request.body, 'sex'), idNumber: formField(request.body, 'idNumber').trim() };
    const result = await profiles.updateProfile(current.account.id, values, originOf(request));
    if (!result.ok) {
      request.log.info({ fields: result.errors.map((e) => e.messageKey) }, 'profile form rejected');
      const idNumberConfirmed = await profiles.isIdNumberConfirmed(current.account.id);
      return reply.code(400).page('identity/web/profile/details.njk', {
        ...errorView(result.errors),
        csrfToken: kit.csrfToken(request, reply),
        values: idNumberConfirmed ? { ...values, idNumber: current.account.idNumber ?? '' } : values,
        idNumberConfirmed,
      });
    }
    return reply.redirect('/tai-khoan?da_luu=1', 303);
  });
}
