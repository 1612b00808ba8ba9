/**
 * GET/POST /tra-cuu-ho-so: public tracking with the dossier code and the applicant's ID number. Both
 * are needed and any mismatch gets the same answer (no hint which one was wrong); tries are
 * throttled per IP, with a 429 page that says when to try again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { PublicTracking } from '../../../core/dossier-query.service.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText } from '../citizen-request.parser.ts';
import { formatLongTime, formatShortTime } from '../citizen-time.presenter.ts';
import type { PageError } from '../documents/document-list.presenter.ts';
import { progressTag, statusTag } from '../../dossier-status.presenter.ts';
import { createThrottle, LOOKUP_THROTTLE, type ThrottleRules } from './lookup-throttle.policy.ts';

const TEMPLATE = 'dossiers/web/citizen/lookup/lookup.njk';

function presentTracking(found: PublicTracking, request: FastifyRequest) {
  const locale = request.locale;
  return {
    code: found.code,
    procedureName: found.procedureName,
    agencyName: found.agencyName,
    status: statusTag(found.status, found.statusCode),
    progress: progressTag(found.progress),
    submittedAt: formatLongTime(found.submittedAt, locale),
    receivedAt: formatLongTime(found.receivedAt, locale),
    dueAt: formatLongTime(found.dueAt, locale),
    finishedAt: formatLongTime(found.finishedAt, locale),
    events: [...found.events].reverse().map((e) => ({ type: e.type, statusTo: e.statusTo, time: formatShortTime(e.occurredAt, locale) })),
  };
}

export function registerLookupPage(app: HttpServer, deps: CitizenPagesDeps, rules: ThrottleRules = LOOKUP_THROTTLE): void {
  const throttle = createThrottle(rules, deps.now);
  const render = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) => reply.page(TEMPLATE, { csrfToken: deps.web.csrfToken(request, reply), code: '', idNumber: '', ...data });

  app.get('/tra-cuu-ho-so', { schema: { hide: true } }, async (request, reply) => render(request, reply, {}));

  app.post('/tra-cuu-ho-so', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    // Agency codes are upper case (QCVN 102); people type them in either case.
    const code = formText(request.body, 'code').toUpperCase();
    const idNumber = formText(request.body, 'idNumber').replace(/[\s.]/g, '');
    const errors: PageError[] = [];
    if (!code) errors.push({ href: '#code', key: 'dossiers.citizen.lookup.codeRequired' });
    if (!idNumber) errors.push({ href: '#idNumber', key: 'dossiers.citizen.lookup.idNumberRequired' });
    if (errors.length > 0) return render(request, reply.code(400), { code, idNumber, hasErrors: true, errorList: errors });
    const allowed = throttle.take(request.ip);
    if (!allowed.ok) {
      request.log.info({ ip: request.ip }, 'dossier lookup throttled');
      return render(request, reply.code(429).header('Retry-After', String(allowed.retryAfterSeconds)), { code, idNumber, throttled: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)) });
    }
    try {
      const found = await deps.queries.lookup(code, idNumber);
      return render(request, reply, { code, idNumber, found: presentTracking(found, request) });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'DOSSIER_LOOKUP_FAILED') throw err;
      return render(request, reply.code(404), { code, idNumber, hasErrors: true, errorList: [{ href: '#code', key: 'dossiers.errors.lookupFailed' }] });
    }
  });
}
