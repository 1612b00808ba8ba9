import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import { searchHref } from '../catalog-view.presenter.ts';

/** Searches people make most; the query stays Vietnamese, the label follows the reader's language. */
const POPULAR_SEARCHES = [
  { q: 'khai sinh', key: 'catalog.home.popular.birth' },
  { q: 'căn cước', key: 'catalog.home.popular.idCard' },
  { q: 'hộ chiếu', key: 'catalog.home.popular.passport' },
  { q: 'đăng ký thường trú', key: 'catalog.home.popular.residence' },
  { q: 'kết hôn', key: 'catalog.home.popular.marriage' },
  { q: 'giấy phép lái xe', key: 'catalog.home.popular.drivingLicence' },
  { q: 'đăng ký kinh doanh', key: 'catalog.home.popular.business' },
] as const;

/** GET /: the search box, popular searches, life events, browse links and counts. */
export function registerHomePage(app: HttpServer, catalog: CatalogService): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const [stats, lifeEvents] = await Promise.all([catalog.stats(), catalog.listLifeEvents(request.locale)]);
    return reply.page('catalog/web/home/home.njk', {
      stats,
      popular: POPULAR_SEARCHES.map((p) => ({ key: p.key, href: searchHref({ q: p.q }) })),
      lifeEvents: lifeEvents.map((e) => ({
        slug: e.slug,
        name: e.name[request.locale],
        description: e.description[request.locale],
        count: e.procedures.length,
      })),
    });
  });
}
