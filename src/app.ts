import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import pino, { type Logger } from 'pino';
import { loadEnv, ROOT_DIR, type Env, publicUrlOf } from './config/env.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { PLATFORM_ERRORS } from './platform/errors/app-error.ts';
import type { Subscriptions } from './platform/events/events.ts';
import { createHttpServer, type HttpServer } from './platform/http/server.ts';
import { createTranslator, mergeMessages } from './platform/i18n/i18n.ts';
import { platformMessages } from './platform/i18n/messages.ts';
import { createViews } from './platform/views/views.ts';
import { AGENCY_ERRORS, agencyMessages, createAgenciesModule } from './modules/agencies/index.ts';
import { CATALOG_ERRORS, catalogMessages, createCatalogModule } from './modules/catalog/index.ts';
import { createIdentityModule, EID_ERRORS, type OidcModule, IDENTITY_ERRORS, identityMessages, OIDC_ERRORS, oidcMessages, resolveEidSettings } from './modules/identity/index.ts';
import { resolveAppSecret } from './platform/crypto/app-secret.ts';
import { createNotificationsModule, notificationsMessages } from './modules/notifications/index.ts';
import { CALENDAR_ADMIN_ERRORS, createDossiersModule, DOSSIER_ERRORS, dossiersMessages, SERVICE_CONFIG_ERRORS, SYNC_ERRORS } from './modules/dossiers/index.ts';
import { createDocumentsModule, DOCUMENT_ERRORS, documentsMessages } from './modules/documents/index.ts';

const quietWorkerLogger = new WorkerLogger(() => () => undefined);

export const MIGRATIONS_DIR = path.join(ROOT_DIR, 'db/migrations');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;

export function createLogger(env: Pick<Env, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({ level: env.LOG_LEVEL, base: { app: 'opendvc' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}

/** Every module, wired to one database. The only place modules meet. `env` defaults to the process's. */
export async function createModules(db: Kysely<any>, logger: Logger, env: Env = loadEnv()) {
  const agencies = createAgenciesModule({ db });
  const catalog = await createCatalogModule({
    db,
    logger,
    rootDir: ROOT_DIR,
    resolveAgency: (name) => agencies.service.resolveAgencyName(name),
  });
  const notifications = createNotificationsModule({ db, logger, env });
  const identity = createIdentityModule({
    db,
    logger,
    secret: resolveAppSecret(env),
    secureCookies: env.NODE_ENV === 'production',
    units: {
      // The 2025 units are reference data that change only with a new seed: read them once per
      // process instead of on every profile page and userinfo call.
      listProvinces: memoize(() => agencies.service.listProvinces()),
      listCommunes: memoize((provinceCode: string) => agencies.service.listCommunes(provinceCode)),
      agencyExists: (code) => agencies.service.findAgency(code).then(() => true, () => false),
    },
    eid: { settings: resolveEidSettings(env), publicUrl: publicUrlOf(env) },
  });
  const documents = createDocumentsModule({
    db,
    logger,
    files: { dir: env.filesDir, maxBytes: env.UPLOAD_MAX_BYTES, maxFiles: env.UPLOAD_MAX_FILES },
    web: identity.web,
  });
  const dossiers = createDossiersModule({
    db,
    documents,
    agencies: agencies.service,
    sync: { secret: resolveAppSecret(env), logger, allowInsecureWebhooks: env.NODE_ENV !== 'production' },
    catalog: catalog.service,
    agencyExists: (code) => agencies.service.findAgency(code).then(() => true, () => false),
    units: { listProvinces: () => agencies.service.listProvinces(), listCommunes: (code) => agencies.service.listCommunes(code) },
    directory: {
      async official(accountId) {
        const account = await identity.accounts.findAccount(accountId);
        return account ? { name: account.fullName ?? account.email ?? account.phone ?? '', email: account.email, phone: account.phone } : null;
      },
      // Agencies are reference data: their names are read once per process.
      agency: memoize((code: string) => agencies.service.findAgency(code).then((a) => ({ code: a.code, name: a.name }), () => null)),
      officialsOf: (agencyCode) => identity.accounts.listOfficials(agencyCode),
    },
    files: {
      ownedFile: async (accountId, fileId) => {
        const file = await documents.getFile(accountId, fileId);
        return file ? { name: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes } : null;
      },
    },
  });
  return { agencies, catalog, identity, notifications, documents, dossiers };
}

export type Modules = Awaited<ReturnType<typeof createModules>>;

/** Caches a lookup's answer per argument; a failed lookup is not kept. */
function memoize<A extends unknown[], R>(load: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const answers = new Map<string, Promise<R>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let answer = answers.get(key);
    if (!answer) {
      answer = load(...args);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}

/** Which module reacts to which event (downstream modules never import upstream ones). */
export function createSubscriptions(modules: Modules): Subscriptions {
  const accounts = { localeOf: async (id: string) => (await modules.identity.accounts.findAccount(id))?.locale ?? null };
  return modules.dossiers.sync.subscriptionsAlong({ ...modules.notifications.subscriptionsWith({ accounts }) });
}

/** Loads the product's seed data: administrative units, agencies, then the catalog that refers to them. */
export async function seedAll(modules: Modules, logger: Logger) {
  const started = Date.now();
  const units = await modules.agencies.service.seed();
  const catalog = await modules.catalog.seed();
  logger.info(
    { ms: Date.now() - started, agencies: units, procedures: { imported: catalog.procedures.imported, updated: catalog.procedures.updated, unchanged: catalog.procedures.unchanged }, questions: catalog.questions, lifeEvents: catalog.lifeEvents },
    'seed data loaded',
  );
}

/** Migrates a database and, if asked, loads the seed data. Used by `start` and by the test setup. */
export async function prepareDatabase(url: string, options: { seed: boolean; quiet?: boolean; logger?: Logger }): Promise<void> {
  const logger = options.logger ?? pino({ level: options.quiet ? 'warn' : 'info' });
  const database = openDatabase<any>(url, { poolSize: 4 });
  try {
    // The job queue's own schema first: migrations and seeds may add jobs.
    await runWorkerMigrations({ pgPool: database.pool, logger: quietWorkerLogger });
    const migrations = await runMigrations(database.pool, MIGRATIONS_DIR);
    if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'migrations applied');
    if (options.seed) await seedAll(await createModules(database.db, logger), logger);
  } finally {
    await database.close();
  }
}

export interface WebApp {
  readonly http: HttpServer;
  readonly oidc: OidcModule;
  readonly modules: Modules;
  readonly database: Database<any>;
  close(): Promise<void>;
}

/** The web process: HTTP server over every module's routes. */
export async function createWebApp(options: { env: Env; databaseUrl: string; logger: Logger; listenForChanges?: boolean }): Promise<WebApp> {
  const { env, logger } = options;
  const database = openDatabase<any>(options.databaseUrl, { poolSize: env.DATABASE_POOL_SIZE, applicationName: 'opendvc-web' });
  const modules = await createModules(database.db, logger, env);
  const translate = createTranslator({
    vi: mergeMessages(platformMessages.vi, catalogMessages.vi, agencyMessages.vi, identityMessages.vi, oidcMessages.vi, notificationsMessages.vi, documentsMessages.vi, dossiersMessages.vi),
    en: mergeMessages(platformMessages.en, catalogMessages.en, agencyMessages.en, identityMessages.en, oidcMessages.en, notificationsMessages.en, documentsMessages.en, dossiersMessages.en),
  });
  const views = createViews({ rootDir: ROOT_DIR, translate, noCache: env.NODE_ENV === 'development' });
  const http = await createHttpServer({
    logger,
    errors: { ...PLATFORM_ERRORS, ...CATALOG_ERRORS, ...AGENCY_ERRORS, ...IDENTITY_ERRORS, ...EID_ERRORS, ...OIDC_ERRORS, ...DOCUMENT_ERRORS, ...DOSSIER_ERRORS, ...SERVICE_CONFIG_ERRORS, ...CALENDAR_ADMIN_ERRORS, ...SYNC_ERRORS },
    translate,
    views,
    trustProxy: env.TRUST_PROXY,
    secureCookies: env.NODE_ENV === 'production',
    version: VERSION,
    isReady: async () => {
      await database.pool.query('SELECT 1');
      return true;
    },
  });
  await registerAssets(http);
  // Identity first: its hooks put the signed-in person on every page.
  modules.identity.registerRoutes(http);
  // Before the other modules' routes: it registers @fastify/multipart, which their upload forms use.
  await modules.documents.registerRoutes(http);
  const oidc = await modules.identity.createOidc({
    publicUrl: publicUrlOf(env),
    logger,
    renderPage: (template, data, locale) => views.render(template, data, { locale, path: '/oidc/session/end', query: {} }),
  });
  await oidc.registerRoutes(http);
  modules.agencies.registerRoutes(http);
  modules.catalog.registerRoutes(http);
  modules.notifications.registerRoutes(http, modules.identity.web);
  modules.dossiers.registerRoutes(http, modules.identity.web, {
    verifyToken: oidc.verifyApiToken,
    findAccount: (id) => modules.identity.accounts.findAccount(id),
    readUpload: modules.documents.readUpload,
    publicUrl: publicUrlOf(env),
    lookupPerMinute: env.LOOKUP_RATE_PER_MINUTE,
  });
  await modules.catalog.service.refresh();
  const stopListening = options.listenForChanges === false ? null : await modules.catalog.service.listenForChanges(database.pool);
  await modules.dossiers.calendarAdmin.refresh();
  const stopCalendar = options.listenForChanges === false ? null : await modules.dossiers.calendarAdmin.listenForChanges(database.pool, logger);
  return {
    http,
    modules,
    oidc,
    database,
    async close() {
      await http.close();
      await stopListening?.();
      await stopCalendar?.();
      await database.close();
    },
  };
}

async function registerAssets(http: HttpServer): Promise<void> {
  const roots = [
    { prefix: '/assets/', root: path.join(ROOT_DIR, 'assets/dist') },
    { prefix: '/assets/fonts/', root: path.join(ROOT_DIR, 'node_modules/@fontsource/be-vietnam-pro/files') },
  ];
  for (const [i, r] of roots.entries()) {
    if (!fs.existsSync(r.root)) continue;
    await http.register(fastifyStatic, { root: r.root, prefix: r.prefix, decorateReply: i === 0, maxAge: '7d', immutable: false, index: false });
  }
}
