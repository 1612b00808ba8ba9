import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { Locale } from '../../../../platform/i18n/i18n.ts';
import type { CatalogService } from '../../catalog.service.ts';
import type { ProcedureRecord } from '../../catalog.types.ts';
import { amountMessage, durationMessage, formatDate, formatNumber, levelKey } from '../catalog-view.presenter.ts';

/** National procedure codes look like 1.001193. */
export const PROCEDURE_CODE = /^\d\.\d{6}$/;

const ROLE_ORDER = ['competent', 'implementing', 'delegated', 'coordinating'] as const;
const CHANNEL_ORDER = ['online', 'in_person', 'postal'] as const;

/**
 * Reads a procedure for a page. A malformed code is answered like an unknown one (404), since to a
 * reader both are "no such procedure". Throws CATALOG_PROCEDURE_NOT_FOUND.
 */
export async function findProcedure(catalog: CatalogService, code: string): Promise<ProcedureRecord> {
  if (!PROCEDURE_CODE.test(code)) throw new AppError('CATALOG_PROCEDURE_NOT_FOUND', 'Malformed procedure code');
  return catalog.getProcedure(code);
}

export function isOnline(record: ProcedureRecord): boolean {
  return record.channels.some((c) => c.channel === 'online');
}

/** GET /thu-tuc/{code}: everything a citizen needs before applying. */
export function registerProcedurePage(app: HttpServer, catalog: CatalogService): void {
  app.get<{ Params: { code: string } }>('/thu-tuc/:code', { schema: { hide: true } }, async (request, reply) => {
    const record = await findProcedure(catalog, request.params.code);
    const [questions, lifeEvents] = await Promise.all([
      catalog.questionsFor(record.code, request.locale),
      catalog.lifeEventsOf(record.code, request.locale),
    ]);
    return reply.page('catalog/web/procedure/procedure.njk', { ...buildProcedureView(record, request.locale), questions, lifeEvents });
  });
}

function buildProcedureView(r: ProcedureRecord, locale: Locale) {
  const channels = [...r.channels]
    .sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel))
    .map((c) => ({
      channel: c.channel,
      ...durationView(c.duration, c.durationText, locale),
      feeText: c.feeText,
      // "Miễn phí" twice says nothing new: the amount line shows when it adds a number.
      amount: c.feeText && c.feeAmountVnd === 0 ? null : amountMessage(c.feeAmountVnd, locale),
      fees: c.fees.length > 1 ? c.fees.map((f) => ({ label: f.label, amount: formatNumber(f.amountVnd, locale) })) : [],
      description: c.description,
    }));
  return {
    procedure: r,
    levelKeys: r.levels.map(levelKey),
    agencyGroups: ROLE_ORDER.map((role) => ({ role, names: r.agencyRefs.filter((a) => a.role === role).map((a) => a.name) })).filter(
      (g) => g.names.length > 0,
    ),
    channels,
    online: isOnline(r),
    documentGroups: r.documentGroups
      .filter((g) => g.documents.length > 0)
      .map((g) => ({
        caseName: g.caseName,
        documents: g.documents.map((d) => ({
          // The list already has bullets; the source's own "- ", "+ " would show twice.
          name: d.name.replace(/^[-–+*•]\s*/, ''),
          formFiles: d.formFiles,
          quantity: d.quantity ? { parts: quantityParts(d.quantity) } : d.quantityText ? { text: d.quantityText } : null,
        })),
      })),
    effectiveFrom: formatDate(r.effectiveFrom, locale),
    // Only web links: the URL comes from imported data and ends up in an href.
    sourceUrl: r.sourceUrl && /^https?:\/\//i.test(r.sourceUrl) ? r.sourceUrl : null,
  };
}

/**
 * The time a channel takes, in the reader's language when it was parsed; the page's own words
 * when not; and a plain warning when the national database gives a number without a unit.
 */
function durationView(duration: { value: number; unit: string } | null, text: string | null, locale: Locale) {
  if (duration) return { duration: durationMessage(duration, locale), durationText: null };
  if (text && /^\d+$/.test(text.trim())) {
    return { duration: { key: 'catalog.procedure.durationUnitMissing', params: { n: text.trim() } }, durationText: null };
  }
  return { duration: null, durationText: text };
}

/** "1 bản chính, 2 bản sao": only the kinds asked for, with English plurals. */
function quantityParts(q: { original: number; copy: number }) {
  const parts = [];
  if (q.original > 0) parts.push({ key: `catalog.procedure.quantity.${q.original === 1 ? 'original' : 'originals'}`, params: { n: q.original } });
  if (q.copy > 0) parts.push({ key: `catalog.procedure.quantity.${q.copy === 1 ? 'copy' : 'copies'}`, params: { n: q.copy } });
  return parts;
}
