import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type JWK } from 'oidc-provider';
import type { Logger } from 'pino';
import { buildEidDevConfiguration, type EidDevClient } from './eid-dev.config.ts';
import { handleInteraction, sendPage } from './eid-dev.interactions.ts';
import { renderErrorPage, renderHomePage } from './eid-dev.pages.ts';

export interface EidDevProviderOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Defaults to all interfaces. */
  readonly host?: string;
  /** Defaults to http://localhost:<port>. */
  readonly issuer?: string;
  readonly clients: readonly EidDevClient[];
  readonly logger: Logger;
  /** Lifetime of ID tokens; tests shorten it. */
  readonly idTokenTtlSeconds?: number;
  /** Private signing keys to use instead of fresh ones (tests that sign tokens themselves). */
  readonly signingKeys?: readonly JWK[];
}

export interface EidDevProvider {
  readonly issuer: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts the reference national e-ID: a real OpenID Connect provider (oidc-provider) with fictional
 * test citizens, for development and tests only. State is in memory and lost on stop.
 */
export async function startEidDevProvider(options: EidDevProviderOptions): Promise<EidDevProvider> {
  const logger = options.logger.child({ component: 'eid-dev' });
  let handle: http.RequestListener = (_req, res) => sendPage(res, 503, renderErrorPage('temporarily_unavailable'));
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = (options.issuer ?? `http://localhost:${port}`).replace(/\/$/, '');

  const provider = new Provider(issuer, buildEidDevConfiguration(options));
  explainGrantFailures(provider);
  provider.on('server_error', (_ctx, err) => logger.error({ err }, 'e-ID dev: server error'));
  provider.on('authorization.error', (_ctx, err) => logger.info({ error: (err as { error?: string }).error, detail: err.message }, 'e-ID dev: authorization refused'));
  provider.on('grant.error', (_ctx, err) => logger.info({ error: (err as { error?: string }).error, detail: (err as { error_detail?: string }).error_detail }, 'e-ID dev: grant refused'));
  const oidcHandler = provider.callback();
  handle = (req, res) => {
    void (async () => {
      if (req.method === 'GET' && (req.url === '/' || req.url === '')) return sendPage(res, 200, renderHomePage(issuer));
      if (await handleInteraction(provider, logger, req, res)) return;
      oidcHandler(req, res);
    })().catch((err: unknown) => {
      logger.error({ err }, 'e-ID dev: interaction failed');
      if (!res.headersSent) sendPage(res, 500, renderErrorPage('server_error'));
      else res.end();
    });
  };
  logger.info({ issuer, clients: options.clients.map((c) => c.clientId) }, 'reference e-ID provider (fictional citizens) is ready');

  return {
    issuer,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * A developer tool should say why it refused a code: oidc-provider answers every refused grant
 * with the same `invalid_grant` description (rightly, for production) and keeps the reason in
 * `error_detail`; here the reason is added to the description the relying party sees.
 */
function explainGrantFailures(provider: Provider): void {
  provider.on('grant.error', (ctx, err) => {
    const detail = (err as { error_detail?: string }).error_detail;
    if (detail) ctx.state.eidDevGrantDetail = detail;
  });
  provider.use(async (ctx, next) => {
    await next();
    const detail = ctx.state.eidDevGrantDetail as string | undefined;
    const body = ctx.body as { error?: string; error_description?: string } | undefined;
    if (detail && body && typeof body === 'object' && body.error === 'invalid_grant') {
      ctx.body = { ...body, error_description: `${body.error_description ?? 'grant request is invalid'} (${detail})` };
    }
  });
}
