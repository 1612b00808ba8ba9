import type { HttpServer } from '../../../platform/http/server.ts';
import type { CatalogService } from '../catalog.service.ts';

/** Citizen-facing catalog pages (placeholder until the pages land). */
export function registerCatalogPages(app: HttpServer, catalog: CatalogService): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const stats = await catalog.stats();
    return reply.type('text/html; charset=utf-8').send(`<!DOCTYPE html><html lang="vi"><title>OpenDVC</title><h1>OpenDVC</h1><p>${stats.procedures}</p></html>`);
  });
}
