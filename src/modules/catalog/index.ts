import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { HttpServer } from '../../platform/http/server.ts';
import { registerProcedureApi } from './api/procedures.api.ts';
import { CATALOG_ERRORS } from './catalog.errors.ts';
import { createCatalogImportService, type AgencyResolver } from './catalog-import.service.ts';
import { catalogSeedDir, readSynonyms, seedCatalog } from './catalog-seed.service.ts';
import { createCatalogService } from './catalog.service.ts';
import type { CatalogTables } from './catalog.tables.ts';
import { catalogMessages } from './web/catalog.messages.ts';
import { registerCatalogPages } from './web/catalog.pages.ts';

export type { ImportReport } from './catalog-import.service.ts';
export type { CatalogService } from './catalog.service.ts';
export type { ProcedureRecord } from './catalog.types.ts';
export { CATALOG_ERRORS, catalogMessages };

export interface CatalogModuleDeps {
  db: Kysely<CatalogTables>;
  logger: Logger;
  rootDir: string;
  resolveAgency: AgencyResolver;
  now?: () => Date;
}

/** The national procedure database (component C1). */
export async function createCatalogModule(deps: CatalogModuleDeps) {
  const now = deps.now ?? (() => new Date());
  const seedDir = catalogSeedDir(deps.rootDir);
  const dictionary = await readSynonyms(seedDir);
  const importer = createCatalogImportService({ db: deps.db, resolveAgency: deps.resolveAgency, now });
  const service = createCatalogService({ db: deps.db, dictionary, logger: deps.logger, now });
  return {
    service,
    importer,
    seed: () => seedCatalog(deps.db, importer, seedDir),
    registerRoutes(app: HttpServer) {
      registerProcedureApi(app, service);
      registerCatalogPages(app, service);
    },
  };
}

export type CatalogModule = Awaited<ReturnType<typeof createCatalogModule>>;
