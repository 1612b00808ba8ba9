/**
 * Public tracking (tra cứu hồ sơ): the dossier code and the applicant's ID number together show its
 * status and timeline, nothing else. Rate-limited per client address, because the pair is a secret
 * that could otherwise be guessed.
 */
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { QueryService } from '../core/dossier-query.service.ts';
import { DOSSIER_CODE_PATTERN, DOSSIER_STATUSES } from '../core/dossier.types.ts';

const lookupQuery = z.object({
  code: z.string().trim().toUpperCase().regex(DOSSIER_CODE_PATTERN, 'a dossier code such as H56.14-261122-0001').describe('The dossier code on the receipt'),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{6,20}$/, 'the applicant’s ID number (or an organisation’s code)')
    .describe('The applicant’s personal ID number (CCCD), or an organisation’s code'),
});

const trackingSchema = z.object({
  code: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  statusCode: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.string().nullable(),
  events: z.array(z.object({ type: z.string(), statusTo: z.enum(DOSSIER_STATUSES).nullable(), occurredAt: z.string() })),
});

/** Per client address: at most `maxRequests` lookups a minute and `maxFailures` failed ones in 15 minutes. */
export interface LookupLimits {
  readonly maxRequests: number;
  readonly maxFailures: number;
}

export const LOOKUP_LIMITS: LookupLimits = { maxRequests: 30, maxFailures: 10 };
const MINUTE = 60_000;
const FAILURE_WINDOW = 15 * MINUTE;
const MAX_TRACKED = 50_000;

/**
 * Counters in this process's memory: each web process limits on its own (N processes allow N times
 * as many), which is enough against guessing and needs no table. Old entries are dropped as it fills.
 */
export function createLookupLimiter(limits: LookupLimits = LOOKUP_LIMITS, now: () => number = Date.now) {
  const seen = new Map<string, { windowStart: number; requests: number; failStart: number; failures: number }>();
  const entry = (ip: string) => {
    const t = now();
    let e = seen.get(ip);
    if (!e) {
      if (seen.size >= MAX_TRACKED) {
        for (const [key, old] of seen) if (t - old.windowStart > MINUTE && t - old.failStart > FAILURE_WINDOW) seen.delete(key);
        if (seen.size >= MAX_TRACKED) seen.delete(seen.keys().next().value!);
      }
      e = { windowStart: t, requests: 0, failStart: t, failures: 0 };
      seen.set(ip, e);
    }
    if (t - e.windowStart >= MINUTE) Object.assign(e, { windowStart: t, requests: 0 });
    if (t - e.failStart >= FAILURE_WINDOW) Object.assign(e, { failStart: t, failures: 0 });
    return e;
  };
  return {
    /** Seconds to wait, or 0 when this lookup may go ahead (it is counted). */
    admit(ip: string): number {
      const e = entry(ip);
      const t = now();
      if (e.failures >= limits.maxFailures) return Math.ceil((e.failStart + FAILURE_WINDOW - t) / 1000);
      if (e.requests >= limits.maxRequests) return Math.ceil((e.windowStart + MINUTE - t) / 1000);
      e.requests += 1;
      return 0;
    },
    fail(ip: string): void {
      entry(ip).failures += 1;
    },
  };
}

export function registerDossierLookupApi(app: HttpServer, queries: Pick<QueryService, 'lookup'>, limiter = createLookupLimiter()): void {
  app.get(
    '/api/v1/dossier-lookup',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Track a dossier by its code and the applicant’s ID number (public)',
        description:
          'No sign-in. Both values must match; every failure answers the same 404 (`DOSSIER_LOOKUP_FAILED`). Limited per client ' +
          `address: ${LOOKUP_LIMITS.maxRequests} lookups a minute, ${LOOKUP_LIMITS.maxFailures} failures in 15 minutes (then 429 with Retry-After).`,
        querystring: lookupQuery,
        response: { 200: trackingSchema, 400: problem, 404: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const wait = limiter.admit(request.ip);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new AppError('RATE_LIMITED', `too many lookups from this address; try again in ${wait} s`);
      }
      try {
        const tracking = await queries.lookup(request.query.code, request.query.idNumber);
        return reply.header('cache-control', 'no-store').send(tracking);
      } catch (err) {
        limiter.fail(request.ip);
        throw err;
      }
    },
  );
}
