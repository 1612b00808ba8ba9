import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import { searchHref } from '../catalog-view.presenter.ts';

/** GET /linh-vuc (sectors with counts) and /linh-vuc/{slug} (→ results filtered by the sector). */
export function registerSectorPages(app: HttpServer, catalog: CatalogService): void {
  app.get('/linh-vuc', { schema: { hide: true } }, async (_request, reply) => {
    const sectors = await catalog.listSectors();
    return reply.page('catalog/web/sectors/sectors.njk', { sectors });
  });

  // The results page is the sector page: same facets, paging and search within the sector.
  app.get<{ Params: { slug: string } }>('/linh-vuc/:slug', { schema: { hide: true } }, async (request, reply) => {
    const sectors = await catalog.listSectors();
    if (!sectors.some((s) => s.slug === request.params.slug)) throw new AppError('CATALOG_SECTOR_NOT_FOUND');
    return reply.redirect(searchHref({ sector: request.params.slug }), 302);
  });
}
