/** GET /can-bo/ho-so: the official's queues as tabs with counts, filters, search and paging. */
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { QUEUES, type Queue, type QueueFilter } from '../../../core/dossier-query.service.ts';
import type { BackOfficeDeps } from '../back-office.types.ts';
import { buildPagination, DESK_PATH, dossierPath, formatTime, OFFICE_PATH, progressTag, statusView, withQuery } from '../back-office-view.presenter.ts';
import { agenciesFor, requireOfficial } from '../official.policy.ts';

const PAGE_SIZE = 20;
const MAX_PAGE = 500;
const PROCEDURE_CODE = /^\d\.\d{6}$/;

interface QueueParams {
  queue: Queue;
  agency: string;
  procedure: string;
  mine: boolean;
  q: string;
  page: number;
}

function readParams(query: Record<string, unknown>): QueueParams {
  const text = (name: string, max: number) => {
    const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
    return typeof value === 'string' ? value.normalize('NFC').trim().slice(0, max) : '';
  };
  const queue = text('hang-doi', 20);
  const page = Number.parseInt(text('trang', 6), 10);
  return {
    queue: (QUEUES as readonly string[]).includes(queue) ? (queue as Queue) : 'new',
    agency: text('co-quan', 60),
    procedure: text('thu-tuc', 20),
    mine: text('cua-toi', 5) === '1',
    q: text('q', 100),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The query string of these parameters, with some replaced; empty ones are dropped. */
function hrefOf(p: QueueParams, changes: Partial<QueueParams> = {}): string {
  const v = { ...p, ...changes };
  return withQuery(OFFICE_PATH, { 'hang-doi': v.queue, 'co-quan': v.agency, 'thu-tuc': v.procedure, 'cua-toi': v.mine ? '1' : '', q: v.q, trang: v.page > 1 ? v.page : '' });
}

export function registerQueuePage(app: HttpServer, deps: BackOfficeDeps): void {
  app.get('/can-bo', { schema: { hide: true } }, async (_request, reply) => reply.redirect(OFFICE_PATH, 303));

  app.get(OFFICE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    const params = readParams((request.query ?? {}) as Record<string, unknown>);
    const agencies = agenciesFor(actor, 'dossier.read');
    const errors: Array<{ field: string; messageKey: string }> = [];
    if (params.agency && !agencies.includes(params.agency)) errors.push({ field: 'co-quan', messageKey: 'dossiers.office.queue.errors.agency' });
    if (params.procedure && !PROCEDURE_CODE.test(params.procedure)) errors.push({ field: 'thu-tuc', messageKey: 'dossiers.office.queue.errors.procedure' });
    const filter: Omit<QueueFilter, 'queue' | 'limit' | 'offset'> = {
      agencyCode: params.agency && agencies.includes(params.agency) ? params.agency : undefined,
      procedureCode: PROCEDURE_CODE.test(params.procedure) ? params.procedure : undefined,
      assignedTo: params.mine ? actor.accountId : undefined,
      q: params.q || undefined,
    };
    const [list, counts, agencyNames] = await Promise.all([
      deps.queries.queue(actor, { ...filter, queue: params.queue, limit: PAGE_SIZE, offset: (params.page - 1) * PAGE_SIZE }),
      Promise.all(QUEUES.map(async (queue) => ({ queue, total: (await deps.queries.queue(actor, { ...filter, queue, limit: 0, offset: 0 })).total }))),
      Promise.all(agencies.map(async (code) => ({ code, name: (await deps.directory.agency(code))?.name ?? code }))),
    ]);
    const holderIds = [...new Set(list.items.map((d) => d.holderAccountId).filter((id): id is string => id !== null))];
    const holders = new Map(await Promise.all(holderIds.map(async (id) => [id, (await deps.directory.official(id))?.name ?? null] as const)));
    const rows = list.items.map((d) => ({
      href: dossierPath(d.id),
      code: d.code,
      procedureName: d.procedureName,
      procedureCode: d.procedureCode,
      applicant: d.applicant.fullName || d.applicant.organisationName || '',
      receivedAt: formatTime(d.receivedAt ?? d.submittedAt),
      dueAt: formatTime(d.dueAt),
      status: statusView(d.status, d.statusCode),
      progress: progressTag(d.progress),
      holder: d.holderAccountId ? (holders.get(d.holderAccountId) ?? null) : null,
      channel: d.channel,
    }));
    return reply.code(errors.length > 0 ? 400 : 200).page('dossiers/web/back-office/queue/queue.njk', {
      params,
      tabs: counts.map((c) => ({ queue: c.queue, total: c.total, href: hrefOf(params, { queue: c.queue, page: 1 }), current: c.queue === params.queue })),
      rows,
      total: list.total,
      agencies: agencyNames,
      canFileAtDesk: agenciesFor(actor, 'dossier.receive').length > 0,
      deskPath: DESK_PATH,
      pagination: buildPagination(Math.min(list.total, MAX_PAGE * PAGE_SIZE), params.page, PAGE_SIZE, (page) => hrefOf(params, { page })),
      hasErrors: errors.length > 0,
      errors,
      errorMap: Object.fromEntries(errors.map((e) => [e.field, e])),
    });
  });
}
