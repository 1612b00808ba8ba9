/** Public API of the agencies module: administrative units (2025 and pre-reform) and the agency register. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { HttpServer } from '../../platform/http/server.ts';
import { registerAdminUnitApi } from './api/admin-units.api.ts';
import { registerAgencyApi } from './api/agencies.api.ts';
import { createAdminUnitService } from './admin-unit.service.ts';
import { createAgencySeedService } from './agency-seed.service.ts';
import { createAgencyService } from './agency.service.ts';
import type { AgenciesDatabase } from './agency.tables.ts';

export { AGENCY_ERRORS, type AgencyErrorCode } from './agencies.errors.ts';
export { agencyMessages } from './agencies.messages.ts';
export { agencyKey, normaliseAgencyName, splitAgencyList, unifyTonePlacement } from './agency-name.workflow.ts';
export { foldVietnamese } from './admin-unit.workflow.ts';
export { isAgencyCode } from './agency-code.workflow.ts';
export type { SeedCounts } from './agency-seed.service.ts';
export type { Agency, AgencyAdminUnit, AgencyKind, AgencyReference, LocalKind, LocalKindLevel } from './agency.types.ts';
export type {
  Commune,
  CommuneType,
  LegacyAddressQuery,
  LegacyAddressResolution,
  LegacyCommune,
  LegacyTarget,
  Province,
  ProvinceType,
} from './admin-unit.types.ts';

const DEFAULT_SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed');

/** Wires the module to a database. `seedDir` defaults to the repository's db/seed. */
export function createAgenciesModule({ db, seedDir = DEFAULT_SEED_DIR }: { db: Kysely<any>; seedDir?: string }) {
  const typed = db as Kysely<AgenciesDatabase>;
  const service = {
    ...createAgencySeedService({ db: typed, seedDir }),
    ...createAdminUnitService({ db: typed }),
    ...createAgencyService({ db: typed }),
  };
  return {
    service,
    registerRoutes(app: HttpServer) {
      registerAdminUnitApi(app, service);
      registerAgencyApi(app, service);
    },
  };
}

export type AgenciesModule = ReturnType<typeof createAgenciesModule>;
export type AgenciesService = AgenciesModule['service'];
