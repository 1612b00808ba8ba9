import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { HttpServer } from '../../../platform/http/server.ts';

export const OIDC_PREFIX = '/oidc';

/**
 * Serves the provider under /oidc inside Fastify. The provider reads its own request bodies and
 * writes its own responses, so its routes take the raw request: no body parsing, reply hijacked.
 */
export async function mountOidcProvider(app: HttpServer, provider: Provider): Promise<void> {
  const callback = provider.callback();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      // The provider finds its mount path by comparing the original URL with the stripped one.
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(OIDC_PREFIX.length) || '/';
      await callback(raw, reply.raw);
    };
    scope.all(OIDC_PREFIX, { schema: { hide: true } }, handle);
    scope.all(`${OIDC_PREFIX}/*`, { schema: { hide: true } }, handle);
  });
}
