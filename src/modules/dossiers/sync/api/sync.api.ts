/**
 * The sync API for agency one-stop systems: a batch of dossier events in, per-item results out; and
 * the system's own webhook deliveries (list, replay). Bearer client_credentials tokens with api:sync.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../../../platform/errors/app-error.ts';
import { buildProblem, problemSchema, sendProblem } from '../../../../platform/http/problem.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import { createTranslator } from '../../../../platform/i18n/i18n.ts';
import type { IntegrationService } from '../integration.service.ts';
import type { SyncClient, SyncIngestService } from '../sync-ingest.service.ts';
import { SYNC_ERRORS, type SyncErrorCode } from '../sync.errors.ts';
import { syncMessages } from '../sync.messages.ts';
import { MAX_BATCH, SYNC_SCOPE, syncBatchSchema, syncEnvelopeSchema, syncResultSchema } from '../sync.types.ts';
import type { WebhookService } from '../webhook.service.ts';

/** identity's `OidcModule.verifyApiToken`: throws IDENTITY_TOKEN_MISSING / _INVALID (401) / _SCOPE (403). */
export type ApiTokenCheck = (authorization: string | undefined, requiredScope: string | null) => Promise<{ clientId: string; scopes: string[]; accountId?: string }>;

export interface SyncApiDeps {
  ingest: SyncIngestService;
  integrations: IntegrationService;
  webhooks: WebhookService;
  /** The token verifier, once the OpenID Provider exists (null before: the API answers 503). */
  verifier(): ApiTokenCheck | null;
}

const delivery = z.object({
  id: z.uuid(),
  eventType: z.string(),
  eventId: z.string(),
  dossierId: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'delivered', 'dead']),
  attempts: z.number().int(),
  replays: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable().describe('HTTP status your endpoint answered last time (null: no answer)'),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

const SECURITY = [{ bearer: [] }];
const AUTH_PROBLEMS = { 401: problemSchema, 403: problemSchema, 503: problemSchema };
const translate = createTranslator(syncMessages);

export function registerSyncApi(app: HttpServer, deps: SyncApiDeps): void {
  const callers = new WeakMap<FastifyRequest, SyncClient>();

  // The sync codes are answered here, so the API works whatever the composition root's error table holds.
  const problem = (request: FastifyRequest, reply: FastifyReply, code: SyncErrorCode, detail?: string) =>
    sendProblem(reply, buildProblem(SYNC_ERRORS, (key) => translate(request.locale, key), code, { ...(detail ? { detail } : {}), instance: request.url.split('?')[0] }));

  /** Before the body is read: no valid token, no work (401/403 even for a malformed body). */
  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const verify = deps.verifier();
    if (!verify) return problem(request, reply, 'DOSSIER_SYNC_UNAVAILABLE', 'access tokens cannot be checked yet');
    const caller = await verify(request.headers.authorization, SYNC_SCOPE);
    // Only the agency system itself syncs: a token issued for a person (authorization code) never does.
    const client = caller.accountId ? null : await deps.integrations.clientOf(caller.clientId);
    if (!client) return problem(request, reply, 'DOSSIER_SYNC_NOT_ENABLED', `client ${caller.clientId} has no enabled sync integration; the portal's administrators add one with "opendvc integration add"`);
    callers.set(request, client);
  }
  const callerOf = (request: FastifyRequest) => callers.get(request)!;

  app.post(
    '/api/v1/sync/dossier-events',
    {
      bodyLimit: 4 * 1024 * 1024,
      onRequest: authenticate,
      // Only the envelope fails a request; each item is checked on its own (one bad item never fails the batch).
      validatorCompiler: ({ httpPart, method, url }) => validatorCompiler({ schema: httpPart === 'body' ? syncEnvelopeSchema : z.unknown(), httpPart, method, url }),
      schema: {
        tags: ['sync'],
        summary: 'Send a batch of dossier events from an agency one-stop system',
        description:
          `Up to ${MAX_BATCH} events (\`dossier.created\`, \`dossier.status_changed\`), applied in (occurredAt, sequence) order. ` +
          'Every item gets its own result, in the order sent: `accepted`, `duplicate` (eventId seen before: nothing changed), ' +
          '`stale` (older than the dossier’s last applied sync event: recorded, status not moved back) or `rejected` with a `code` ' +
          '(`invalid`, `invalid_status`, `unknown_dossier`, `other_agency`, `unknown_procedure`, `dossier_exists`). ' +
          'Rejected items change nothing and may be sent again once fixed; the others are kept. Needs a client_credentials token with the `api:sync` scope.',
        security: SECURITY,
        body: syncBatchSchema,
        response: { 200: syncResultSchema, 400: problemSchema, 413: problemSchema, ...AUTH_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { events } = request.body as unknown as z.output<typeof syncEnvelopeSchema>;
      const result = await deps.ingest.ingest(callerOf(request), events);
      // Already in its documented shape; serialising it through the schema again would cost a copy per item.
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(result) as never);
    },
  );

  app.get(
    '/api/v1/sync/webhook-deliveries',
    {
      onRequest: authenticate,
      schema: {
        tags: ['sync'],
        summary: 'Your webhook deliveries, newest first',
        description: 'The portal events pushed (or being pushed) to your webhook; `status=dead` lists the ones that ran out of attempts.',
        security: SECURITY,
        querystring: z.object({ status: z.enum(['pending', 'sending', 'delivered', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(delivery) }), 400: problemSchema, ...AUTH_PROBLEMS },
      },
    },
    async (request) => ({ items: await deps.webhooks.list({ clientId: callerOf(request).clientId, status: request.query.status, limit: request.query.limit }) }),
  );

  app.post(
    '/api/v1/sync/webhook-deliveries/:id/replay',
    {
      onRequest: authenticate,
      schema: {
        tags: ['sync'],
        summary: 'Send one of your webhook deliveries again',
        description: 'Starts a fresh round of attempts (e.g. for a `dead` delivery once your endpoint is fixed). The same body is sent, with a new timestamp and signature.',
        security: SECURITY,
        params: z.object({ id: z.string().max(64) }),
        response: { 202: z.object({ delivery }), 404: problemSchema, ...AUTH_PROBLEMS },
      },
    },
    async (request, reply) => {
      try {
        const replayed = await deps.webhooks.replay(request.params.id, callerOf(request).clientId);
        return reply.code(202).send({ delivery: replayed });
      } catch (err) {
        if (isAppError(err) && err.code === 'DOSSIER_SYNC_DELIVERY_NOT_FOUND') return problem(request, reply, 'DOSSIER_SYNC_DELIVERY_NOT_FOUND');
        throw err;
      }
    },
  );
}
