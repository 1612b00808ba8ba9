import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import { findProcedure, isOnline } from '../procedure/procedure.page.ts';

/**
 * GET /thu-tuc/{code}/nop-ho-so: online submission is not built yet (it comes with the dossiers
 * module); the page says so plainly and points to the channels that work today.
 */
export function registerApplyOnlinePage(app: HttpServer, catalog: CatalogService): void {
  app.get<{ Params: { code: string } }>('/thu-tuc/:code/nop-ho-so', { schema: { hide: true } }, async (request, reply) => {
    const record = await findProcedure(catalog, request.params.code);
    return reply.page('catalog/web/apply-online/apply-online.njk', {
      procedure: record,
      online: isOnline(record),
      sourceUrl: record.sourceUrl && /^https?:\/\//i.test(record.sourceUrl) ? record.sourceUrl : null,
      otherChannels: record.channels.filter((c) => c.channel !== 'online').map((c) => c.channel),
    });
  });
}
