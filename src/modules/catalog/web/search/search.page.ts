import type { HttpServer } from '../../../../platform/http/server.ts';
import type { Locale } from '../../../../platform/i18n/i18n.ts';
import type { CatalogService } from '../../catalog.service.ts';
import type { FacetValue, ProcedureSearchResult } from '../../catalog.types.ts';
import { buildPagination, durationMessage, levelKey, PAGE_SIZE, searchHref, type Message } from '../catalog-view.presenter.ts';
import { parseSearchParams, type SearchParams } from './search.validation.ts';

const TEMPLATE = 'catalog/web/search/search.njk';
const FACET_TOP = 10;
/** Hundreds of radios help nobody; past this the facet links to the full sector or agency list. */
const FACET_MORE_MAX = 50;

/** GET /thu-tuc: search results with facets, "did you mean", Q&A and life events. */
export function registerSearchPage(app: HttpServer, catalog: CatalogService): void {
  app.get('/thu-tuc', { schema: { hide: true } }, async (request, reply) => {
    const { params, errors } = parseSearchParams(request.query);
    if (errors.length > 0) {
      // GOV.UK validation pattern: status 400, "Lỗi: " title prefix, error summary, the input kept.
      return reply.code(400).page(TEMPLATE, { hasErrors: true, errors, q: params.q, searched: false });
    }
    const result = await catalog.search({
      q: params.q || undefined,
      sector: params.sector,
      level: params.level,
      agency: params.agency,
      online: params.online,
      fee: params.fee,
      limit: PAGE_SIZE,
      offset: (params.page - 1) * PAGE_SIZE,
    });
    return reply.page(TEMPLATE, buildResultsView(params, result, request.locale));
  });
}

function buildResultsView(params: SearchParams, result: ProcedureSearchResult, locale: Locale) {
  const current = {
    q: params.q,
    sector: params.sector,
    level: params.level,
    agency: params.agency,
    online: params.online === undefined ? undefined : String(params.online),
    fee: params.fee,
  };
  const hasFilters = [current.sector, current.level, current.agency, current.online, current.fee].some((v) => v !== undefined);
  const offset = (params.page - 1) * PAGE_SIZE;
  return {
    q: params.q,
    searched: true,
    total: result.total,
    range: { from: result.items.length === 0 ? 0 : offset + 1, to: offset + result.items.length },
    page: params.page,
    items: result.items.map((item) => ({
      ...item,
      levelKeys: item.levels.map(levelKey),
      duration: durationMessage(item.shortestDuration, locale),
    })),
    suggestion: result.suggestion ? { text: result.suggestion, href: searchHref({ ...current, q: result.suggestion }) } : null,
    facets: [
      facetView('sector', result.facets.sector, current.sector, (v) => ({ text: v.label })),
      facetView('level', result.facets.level, current.level, (v) => ({ key: levelKey(v.value) })),
      facetView('agency', result.facets.agency, current.agency, (v) => ({ text: v.label })),
      facetView('online', result.facets.online, current.online, (v) => ({ key: `catalog.search.facets.online.${v.value === 'true' ? 'yes' : 'no'}` })),
      facetView('fee', result.facets.fee, current.fee, (v) => ({ key: `catalog.search.facets.fee.${v.value === 'paid' ? 'paid' : 'free'}` })),
    ],
    hasFilters,
    clearFiltersHref: searchHref({ q: params.q }),
    pagination: buildPagination(result.total, params.page, (page) => searchHref({ ...current, page: page > 1 ? page : undefined })),
    questions: result.questions.slice(0, 5),
    lifeEvents: result.lifeEvents.map((e) => ({ slug: e.slug, name: locale === 'en' ? e.nameEn || e.name : e.name })),
  };
}

type FacetLabel = { text: string } | Message;

/** One facet as radios: "all" first, the ten biggest values, the rest behind "Xem thêm". */
function facetView(name: string, values: FacetValue[], selected: string | undefined, label: (v: FacetValue) => FacetLabel) {
  const all = [...values];
  // A chosen value with no hits left still shows, so the reader can see and undo the choice.
  if (selected !== undefined && !all.some((v) => v.value === selected)) {
    all.unshift({ value: selected, label: selected, count: 0, selected: true });
  }
  const items = all.map((v) => ({ value: v.value, label: label(v), count: v.count, checked: v.value === selected }));
  let top = items.slice(0, FACET_TOP);
  let more = items.slice(FACET_TOP);
  // Keep the chosen value in view even when it is not among the ten biggest.
  const chosen = more.find((i) => i.checked);
  if (chosen) {
    top = [...top, chosen];
    more = more.filter((i) => i !== chosen);
  }
  const hidden = Math.max(0, more.length - FACET_MORE_MAX);
  return { name, anyChecked: selected === undefined, top, more: more.slice(0, FACET_MORE_MAX), hidden };
}
