import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';

/** GET /su-kien (life events) and /su-kien/{slug} (the event's procedures in order). */
export function registerLifeEventPages(app: HttpServer, catalog: CatalogService): void {
  app.get('/su-kien', { schema: { hide: true } }, async (request, reply) => {
    const events = await catalog.listLifeEvents(request.locale);
    return reply.page('catalog/web/life-events/life-events.njk', {
      events: events.map((e) => ({ slug: e.slug, name: e.name[request.locale], description: e.description[request.locale], count: e.procedures.length })),
    });
  });

  // Throws CATALOG_LIFE_EVENT_NOT_FOUND (404 page) for an unknown slug.
  app.get<{ Params: { slug: string } }>('/su-kien/:slug', { schema: { hide: true } }, async (request, reply) => {
    const event = await catalog.getLifeEvent(request.params.slug, request.locale);
    return reply.page('catalog/web/life-events/life-event.njk', {
      event: { slug: event.slug, name: event.name[request.locale], description: event.description[request.locale], procedures: event.procedures },
    });
  });
}
