import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import { findProcedure, isOnline } from '../procedure/procedure.page.ts';

/**
 * GET /thu-tuc/{code}/nop-ho-so, where the procedure page's "Nộp hồ sơ trực tuyến" button leads: the
 * door to an online application. A procedure that takes online dossiers needs a signed-in person
 * (login first, then back here), who goes on to the dossiers module's first step (where and for
 * whom, /thu-tuc/{code}/nop-ho-so/bat-dau). One that does not says so plainly and lists the channels
 * that work.
 */
export function registerApplyOnlinePage(app: HttpServer, catalog: CatalogService): void {
  app.get<{ Params: { code: string } }>('/thu-tuc/:code/nop-ho-so', { schema: { hide: true } }, async (request, reply) => {
    const record = await findProcedure(catalog, request.params.code);
    if (isOnline(record)) {
      // `request.identity` is identity's per-request state, set by its hooks before every route.
      const signedIn = request.identity?.session.stage === 'active';
      const next = `/thu-tuc/${record.code}/nop-ho-so`;
      return reply.redirect(signedIn ? `${next}/bat-dau` : `/dang-nhap?next=${encodeURIComponent(next)}`, 303);
    }
    return reply.page('catalog/web/apply-online/apply-online.njk', {
      procedure: record,
      otherChannels: record.channels.filter((c) => c.channel !== 'online').map((c) => c.channel),
    });
  });
}
