import pino from 'pino';
import { ROOT_DIR } from '../../src/config/env.ts';
import { PLATFORM_ERRORS } from '../../src/platform/errors/app-error.ts';
import { createHttpServer, type HttpServer } from '../../src/platform/http/server.ts';
import { createTranslator } from '../../src/platform/i18n/i18n.ts';
import { platformMessages } from '../../src/platform/i18n/messages.ts';
import { createViews } from '../../src/platform/views/views.ts';
import { findFreePort } from '../../src/platform/db/embedded.ts';
import { OIDC_ERRORS } from '../../src/modules/identity/oidc/oidc.errors.ts';
import { createOidcModule, type OidcModule } from '../../src/modules/identity/oidc/oidc.module.ts';
import type { OidcAccountPort } from '../../src/modules/identity/oidc/oidc-provider.factory.ts';
import type { TestDatabase } from './db.ts';

/**
 * The OpenID Provider alone on a real HTTP port, over a test database: relying-party libraries
 * talk to it exactly as agency portals would.
 */
export async function startOidcServer(database: TestDatabase, accounts: OidcAccountPort): Promise<{ oidc: OidcModule; http: HttpServer; base: string; close(): Promise<void> }> {
  const translate = createTranslator({ vi: platformMessages.vi, en: platformMessages.en });
  // The issuer names the port, so the port is chosen before the server exists.
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await createHttpServer({
    logger: pino({ level: 'silent' }),
    errors: { ...PLATFORM_ERRORS, ...OIDC_ERRORS },
    translate,
    views: createViews({ rootDir: ROOT_DIR, translate }),
    trustProxy: true,
    secureCookies: false,
    version: 'test',
    isReady: async () => true,
  });
  const oidc = await createOidcModule({
    db: database.db,
    appSecret: 'test-secret-'.padEnd(40, 'x'),
    publicUrl: base,
    secureCookies: false,
    accounts,
    logger: pino({ level: 'silent' }),
    allowInsecureLocalhost: true,
  });
  await oidc.registerRoutes(app);
  await app.listen({ port, host: '127.0.0.1' });
  return { oidc, http: app, base, close: () => app.close() };
}
