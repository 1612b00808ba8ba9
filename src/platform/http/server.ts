import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError, isAppError, type ErrorTable } from '../errors/app-error.ts';
import { DEFAULT_LOCALE, isLocale, type Locale, type Translate } from '../i18n/i18n.ts';
import type { Views } from '../views/views.ts';
import { registerMetrics } from './metrics.ts';
import { buildProblem, sendProblem, type FieldProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    /** Values every page receives (e.g. the signed-in user for the header); set by hooks. */
    viewLocals: Record<string, unknown>;
  }
  interface FastifyReply {
    /** Renders a server-side page in the request's language. */
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

export type HttpServer = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpServerOptions {
  logger: Logger;
  errors: ErrorTable;
  translate: Translate;
  views: Views;
  trustProxy: boolean;
  secureCookies: boolean;
  version: string;
  isReady: () => Promise<boolean>;
}

const LOCALE_COOKIE = 'lang';

/**
 * `formActions` lists where a form may lead: browsers apply form-action to the redirects after a
 * submission too, and a login or consent form ends at an agency portal's callback (https in
 * production; loopback addresses too outside it).
 */
function contentSecurityPolicy(formActions: string, extraScript = ''): string {
  return (
    `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'${extraScript ? ` ${extraScript}` : ''}; ` +
    `font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' ${formActions}; frame-ancestors 'none'`
  );
}
const ONE_YEAR_S = 365 * 24 * 3600;

/** The HTTP kernel: Fastify with zod schemas, OpenAPI, problem+json, pages, locale, health and metrics. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const formActions = options.secureCookies ? 'https:' : 'https: http://localhost:* http://127.0.0.1:*';
  const app: HttpServer = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    // Query strings such as ?q= are limited by the route schemas; this caps everything else.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });

  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('viewLocals', null as unknown as Record<string, unknown>);
  app.decorateReply('page', function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    // A fresh nonce per page lets govuk-frontend's one inline script run under a strict CSP.
    const cspNonce = randomBytes(16).toString('base64');
    this.header('Content-Security-Policy', contentSecurityPolicy(formActions, `'nonce-${cspNonce}'`));
    const html = options.views.render(template, { ...request.viewLocals, ...data, cspNonce }, {
      locale: request.locale,
      path: request.url.split('?')[0] ?? '/',
      query: (request.query ?? {}) as Record<string, unknown>,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.viewLocals = {};
    const queryLang = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isLocale(queryLang)) {
      request.locale = queryLang;
      reply.setCookie(LOCALE_COOKIE, queryLang, {
        path: '/',
        maxAge: ONE_YEAR_S,
        sameSite: 'lax',
        httpOnly: true,
        secure: options.secureCookies,
      });
    } else if (isLocale(request.cookies[LOCALE_COOKIE])) {
      request.locale = request.cookies[LOCALE_COOKIE] as Locale;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('X-Frame-Options', 'DENY');
    if (!request.url.startsWith('/docs') && !reply.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', contentSecurityPolicy(formActions));
    }
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenDVC API',
        version: options.version,
        description:
          'Open API of the OpenDVC public-service portal. Errors are RFC 9457 problem+json documents with a stable `code`.',
      },
      tags: [
        { name: 'catalog', description: 'National database of administrative procedures' },
        { name: 'agencies', description: 'Administrative units (2025 and pre-2025) and the agency register' },
        { name: 'identity', description: 'Single sign-on: OpenID Connect at /oidc (discovery: /oidc/.well-known/openid-configuration)' },
        { name: 'dossiers', description: 'Dossiers; for now the legal deadline calculator (working hours, holidays, pauses)' },
        { name: 'ops' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An access token from /oidc/token (grant_type=client_credentials) for an agency system',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerMetrics(app);
  registerHealth(app, options);
  registerErrorHandling(app, options);
  return app;
}

function registerHealth(app: HttpServer, options: HttpServerOptions): void {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness: the process is up' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['ops'], summary: 'Readiness: the database answers' } }, async (_request, reply) => {
    const ready = await options.isReady().catch(() => false);
    if (!ready) throw new AppError('SERVICE_UNAVAILABLE', 'The database does not answer');
    return reply.send({ status: 'ready' });
  });
}

function wantsProblemJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/docs') || !(request.headers.accept ?? '').includes('text/html');
}

function registerErrorHandling(app: HttpServer, options: HttpServerOptions): void {
  const respond = (request: FastifyRequest, reply: FastifyReply, code: string, extra: { detail?: string; errors?: FieldProblem[] } = {}) => {
    const problem = buildProblem(options.errors, (key) => options.translate(request.locale, key), code, {
      ...extra,
      instance: request.url.split('?')[0],
    });
    if (wantsProblemJson(request)) return sendProblem(reply, problem);
    return reply.code(problem.status).page('errors/error.njk', { problem });
  };

  app.setNotFoundHandler((request, reply) => respond(request, reply, 'NOT_FOUND'));

  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isAppError(error)) {
      return respond(request, reply, error.code, { detail: error.detail, ...(error.extra as object) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'input'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message ?? 'invalid',
      }));
      return respond(request, reply, 'VALIDATION_FAILED', { errors });
    }
    const status = (error as FastifyError).statusCode;
    if (status === 413) return respond(request, reply, 'PAYLOAD_TOO_LARGE');
    if (status === 405) return respond(request, reply, 'METHOD_NOT_ALLOWED');
    if (status !== undefined && status >= 400 && status < 500) {
      return respond(request, reply, 'VALIDATION_FAILED', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return respond(request, reply, 'INTERNAL');
  });
}
