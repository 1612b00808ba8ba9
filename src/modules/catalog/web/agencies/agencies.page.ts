import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import { searchHref } from '../catalog-view.presenter.ts';

/** GET /co-quan (agencies with counts) and /co-quan/{slug} (→ results filtered by the agency). */
export function registerAgencyPages(app: HttpServer, catalog: CatalogService): void {
  app.get('/co-quan', { schema: { hide: true } }, async (_request, reply) => {
    const agencies = await catalog.listAgencies();
    return reply.page('catalog/web/agencies/agencies.njk', { agencies });
  });

  app.get<{ Params: { slug: string } }>('/co-quan/:slug', { schema: { hide: true } }, async (request, reply) => {
    const agencies = await catalog.listAgencies();
    if (!agencies.some((a) => a.slug === request.params.slug)) throw new AppError('CATALOG_AGENCY_NOT_FOUND');
    return reply.redirect(searchHref({ agency: request.params.slug }), 302);
  });
}
