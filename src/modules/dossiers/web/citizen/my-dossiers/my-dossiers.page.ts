/** GET /tai-khoan/ho-so: the person's dossiers — drafts to continue and submitted ones with their status, due time and timeliness. */
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formatShortTime } from '../citizen-time.presenter.ts';
import { progressTag, statusTag } from '../../dossier-status.presenter.ts';

const PAGE_SIZE = 25;

export function registerMyDossiersPage(app: HttpServer, deps: CitizenPagesDeps): void {
  app.get('/tai-khoan/ho-so', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const requested = Number((request.query as Record<string, unknown>).trang);
    const page = Number.isInteger(requested) && requested > 1 && requested <= 10_000 ? requested : 1;
    const rows = await deps.queries.listMine(who.actor.accountId, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    const locale = request.locale;
    return reply.page('dossiers/web/citizen/my-dossiers/my-dossiers.njk', {
      dossiers: rows.slice(0, PAGE_SIZE).map((d) => ({
        id: d.id,
        code: d.code,
        draft: d.status === 'draft',
        procedureName: d.procedureName,
        onBehalf: d.ownerAccountId !== who.actor.accountId,
        applicantName: d.applicant.fullName,
        status: statusTag(d.status, d.statusCode),
        submittedAt: formatShortTime(d.submittedAt, locale),
        updatedAt: formatShortTime(d.updatedAt, locale),
        dueAt: formatShortTime(d.dueAt, locale),
        progress: d.status === 'draft' ? null : progressTag(d.progress),
      })),
      page,
      previous: page > 1 ? `/tai-khoan/ho-so${page > 2 ? `?trang=${page - 1}` : ''}` : null,
      next: rows.length > PAGE_SIZE ? `/tai-khoan/ho-so?trang=${page + 1}` : null,
    });
  });
}
