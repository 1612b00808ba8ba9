import type { HttpServer } from '../../../../platform/http/server.ts';
import type { CatalogService } from '../../catalog.service.ts';
import type { FacetValue, ProcedureSearchResult } from '../../catalog.types.ts';
import { buildPagination, formatDuration, levelLabel, PAGE_SIZE, searchHref, type T } from '../catalog-view.presenter.ts';
import { parseSearchParams, type SearchParams } from './search.validation.ts';

const FACET_TOP = 10;

/** GET /thu-tuc: search results with facets, "did you mean", Q&A and life events. */
export function registerSearchPage(app: HttpServer, catalog: CatalogService): void {
  app.get('/thu-tuc', { schema: { hide: true } }, async (request, reply) => {
    const { params, errors } = parseSearchParams(request.query);
    const t = (key: string, p?: Record<string, unknown>) => app.translate(request.locale, key, p);
    if (errors.length > 0) {
      return reply.code(400).page('catalog/web/search/search.njk', {
        pageTitle: t('catalog.search.title'),
        hasErrors: true,
        errorList: errors.map((e) => ({ text: t(e.messageKey), href: '#search-q' })),
        qError: t(errors[0]!.messageKey),
        q: params.q,
        searched: false,
      });
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
    return reply.page('catalog/web/search/search.njk', buildResultsView(t, params, result));
  });
}

function buildResultsView(t: T, params: SearchParams, result: ProcedureSearchResult) {
  const current = {
    q: params.q,
    sector: params.sector,
    level: params.level,
    agency: params.agency,
    online: params.online === undefined ? undefined : String(params.online),
    fee: params.fee,
  };
  const hasFilters = [current.sector, current.level, current.agency, current.online, current.fee].some((v) => v !== undefined);
  const firstShown = result.total === 0 ? 0 : (params.page - 1) * PAGE_SIZE + 1;
  return {
    pageTitle: params.q ? t('catalog.search.titleFor', { q: params.q }) : t('catalog.search.title'),
    q: params.q,
    searched: true,
    total: result.total,
    range: { from: firstShown, to: Math.min(result.total, (params.page - 1) * PAGE_SIZE + result.items.length) },
    page: params.page,
    items: result.items.map((item) => ({
      ...item,
      levelLabels: item.levels.map((l) => levelLabel(t, l)),
      durationLabel: formatDuration(t, item.shortestDuration),
    })),
    suggestion: result.suggestion ? { text: result.suggestion, href: searchHref({ ...current, q: result.suggestion }) } : null,
    facets: [
      facetView(t, 'sector', result.facets.sector, current.sector, (v) => v.label),
      facetView(t, 'level', result.facets.level, current.level, (v) => levelLabel(t, v.value)),
      facetView(t, 'agency', result.facets.agency, current.agency, (v) => v.label),
      facetView(t, 'online', result.facets.online, current.online, (v) => t(`catalog.search.facets.online.${v.value === 'true' ? 'yes' : 'no'}`)),
      facetView(t, 'fee', result.facets.fee, current.fee, (v) => t(`catalog.search.facets.fee.${v.value === 'paid' ? 'paid' : 'free'}`)),
    ],
    hasFilters,
    clearFiltersHref: searchHref({ q: params.q }),
    pagination: buildPagination(t, result.total, params.page, (page) => searchHref({ ...current, page: page > 1 ? page : undefined })),
    questions: result.questions.slice(0, 5),
    lifeEvents: result.lifeEvents,
  };
}

/** One facet as radios: "Tất cả" first, the ten biggest values, the rest behind "Xem thêm". */
function facetView(t: T, name: string, values: FacetValue[], selected: string | undefined, label: (v: FacetValue) => string) {
  const all = [...values];
  // A selected value with no hits left still shows, so the reader can see and undo the choice.
  if (selected !== undefined && !all.some((v) => v.value === selected)) {
    all.unshift({ value: selected, label: selected, count: 0, selected: true });
  }
  const items = all.map((v) => ({
    value: v.value,
    text: t('catalog.search.facets.option', { label: label(v), count: v.count }),
    checked: v.value === selected,
  }));
  const anyItem = { value: '', text: t('catalog.search.facets.any'), checked: selected === undefined };
  let top = items.slice(0, FACET_TOP);
  let more = items.slice(FACET_TOP);
  // Keep the chosen value visible even when it is not among the ten biggest.
  const chosenInMore = more.findIndex((i) => i.checked);
  if (chosenInMore >= 0) {
    top = [...top, more[chosenInMore]!];
    more = more.filter((_, i) => i !== chosenInMore);
  }
  return {
    name,
    legend: t(`catalog.search.facets.${name}.legend`),
    top: [anyItem, ...top],
    more,
    moreLabel: t('catalog.search.facets.more', { n: more.length }),
  };
}
