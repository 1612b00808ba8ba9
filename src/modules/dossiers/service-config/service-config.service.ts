/**
 * Use cases of the service configuration over dossier_service_config: the current version (version
 * 1 generated from the catalog on first use), a stored version by id, publishing an edited version,
 * the history. Versions are rows that never change: a dossier keeps the id it was filed under.
 */
import type { Kysely } from 'kysely';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import type { ProcedureRecord } from '../../catalog/index.ts';
import { can, type Actor } from '../../identity/index.ts';
import type { CommuneLookup } from './answers-validate.workflow.ts';
import { findById, findLatest, insertVersion, listLatestForAgencies, listVersions, type ServiceConfigDb } from './service-config.repo.ts';
import type { ServiceConfigTables } from './service-config.tables.ts';
import type { DefinitionProblem, ServiceConfigVersion, ServiceDefinition } from './service-config.types.ts';
import { checkServiceDefinition } from './service-check.workflow.ts';
import { generateServiceDefinition } from './service-generate.workflow.ts';

export interface ServiceConfigDeps {
  db: Kysely<any>;
  /** The catalog's current record of a procedure; throws (e.g. CATALOG_PROCEDURE_NOT_FOUND) when there is none. */
  catalog: { getProcedure(code: string): Promise<ProcedureRecord> };
  agencyExists(code: string): Promise<boolean>;
  now: () => Date;
}

/** A service as a visitor sees it: the stored current version, or what version 1 would be (not stored). */
export type ServiceConfigView = Omit<ServiceConfigVersion, 'id' | 'version' | 'createdAt'> & { id: string | null; version: number | null; createdAt: Date | null };

export type VersionSummary = Awaited<ReturnType<typeof listVersions>>[number];

const PROCEDURE_CODE = /^\d\.\d{6}$/;
const AGENCY_CODE = /^[A-Za-z0-9.\-_]{1,64}$/;
const PUBLISH_ATTEMPTS = 5;

/** The problems of an invalid definition as the API reports them (problem+json `errors`). */
export function invalidDefinition(problems: readonly DefinitionProblem[]): AppError {
  return new AppError('DOSSIER_SERVICE_INVALID', `${problems.length} problem(s) in the definition`, {
    errors: problems.map((p) => ({ path: p.path, code: p.code, message: p.message.vi, messages: p.message })),
  });
}

export function createServiceConfigService(deps: ServiceConfigDeps) {
  const db = deps.db as ServiceConfigDb;

  async function procedureOf(code: string): Promise<ProcedureRecord> {
    if (!PROCEDURE_CODE.test(code)) throw new AppError('DOSSIER_SERVICE_NOT_FOUND', `"${code.slice(0, 40)}" is not a procedure code (d.dddddd)`);
    try {
      return await deps.catalog.getProcedure(code);
    } catch (err) {
      if (isAppError(err) && err.code === 'CATALOG_PROCEDURE_NOT_FOUND') throw new AppError('DOSSIER_SERVICE_NOT_FOUND', `no procedure ${code} in the catalog`);
      throw err;
    }
  }

  async function checkAgency(code: string): Promise<void> {
    if (!AGENCY_CODE.test(code) || !(await deps.agencyExists(code))) throw new AppError('DOSSIER_SERVICE_NOT_FOUND', `no agency ${code.slice(0, 64)}`);
  }

  async function generateFirst(procedureCode: string, agencyCode: string): Promise<ServiceConfigVersion> {
    const procedure = await procedureOf(procedureCode);
    await checkAgency(agencyCode);
    const inserted = await insertVersion(db, {
      procedureCode,
      agencyCode,
      version: 1,
      catalogVersion: procedure.version,
      definition: generateServiceDefinition(procedure),
      origin: 'generated',
      createdBy: null,
      createdAt: deps.now(),
    });
    // Two first uses at once: one insert wins, the other reads the winner's row.
    return inserted ?? (await findLatest(db, procedureCode, agencyCode))!;
  }

  const service = {
    /** The latest version; version 1 is generated from the catalog and stored on first use. Throws DOSSIER_SERVICE_NOT_FOUND. */
    async current(procedureCode: string, agencyCode: string): Promise<ServiceConfigVersion> {
      return (await findLatest(db, procedureCode, agencyCode)) ?? generateFirst(procedureCode, agencyCode);
    },

    /**
     * Like `current`, but stores nothing: a visitor's request for one of the ~10 million
     * (procedure, agency) pairs must not write a row. Throws DOSSIER_SERVICE_NOT_FOUND.
     */
    async preview(procedureCode: string, agencyCode: string): Promise<ServiceConfigView> {
      const latest = await findLatest(db, procedureCode, agencyCode);
      if (latest) return latest;
      const procedure = await procedureOf(procedureCode);
      await checkAgency(agencyCode);
      const definition = generateServiceDefinition(procedure);
      return { id: null, procedureCode, agencyCode, version: null, catalogVersion: procedure.version, origin: 'generated', createdBy: null, createdAt: null, definition };
    },

    /** One stored version, current or not (what a dossier was filed under). Throws DOSSIER_SERVICE_NOT_FOUND. */
    async byId(id: string): Promise<ServiceConfigVersion> {
      const found = await findById(db, id);
      if (!found) throw new AppError('DOSSIER_SERVICE_NOT_FOUND', `no service configuration ${id.slice(0, 40)}`);
      return found;
    },

    /**
     * Publishes `input` as the next version (origin 'edited'). `baseVersion`, when given, is the
     * version the edit started from: a newer one means someone else published meanwhile. Publishing
     * what is already current returns the current version unchanged.
     * Throws DOSSIER_SERVICE_FORBIDDEN, DOSSIER_SERVICE_NOT_FOUND, DOSSIER_SERVICE_INVALID (extra.errors), DOSSIER_SERVICE_CONFLICT.
     */
    async publish(actor: Actor, procedureCode: string, agencyCode: string, input: unknown, options: { baseVersion?: number } = {}): Promise<ServiceConfigVersion> {
      if (actor.kind !== 'official' || !can(actor, 'service.configure', { agencyCode })) {
        throw new AppError('DOSSIER_SERVICE_FORBIDDEN', `may not configure services of ${agencyCode.slice(0, 64)}`);
      }
      const procedure = await procedureOf(procedureCode);
      await checkAgency(agencyCode);
      const checked = checkServiceDefinition(input);
      if (!checked.ok) throw invalidDefinition(checked.problems);
      // The procedure's name is the catalog's, not the editor's.
      const definition: ServiceDefinition = { ...checked.definition, procedureName: procedure.name };
      let latest = await service.current(procedureCode, agencyCode);
      for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
        if (options.baseVersion !== undefined && options.baseVersion !== latest.version) {
          throw new AppError('DOSSIER_SERVICE_CONFLICT', `version ${latest.version} was published after version ${options.baseVersion}`, { currentVersion: latest.version });
        }
        if (canonical(latest.definition) === canonical(definition)) return latest;
        const inserted = await insertVersion(db, {
          procedureCode,
          agencyCode,
          version: latest.version + 1,
          catalogVersion: procedure.version,
          definition,
          origin: 'edited',
          createdBy: actor.accountId,
          createdAt: deps.now(),
        });
        if (inserted) return inserted;
        latest = (await findLatest(db, procedureCode, agencyCode))!;
      }
      throw new AppError('DOSSIER_SERVICE_CONFLICT', 'too many concurrent publications; try again');
    },

    /** Every stored version, newest first (no definitions). */
    history(procedureCode: string, agencyCode: string): Promise<VersionSummary[]> {
      return listVersions(db, procedureCode, agencyCode);
    },

    /** The current version of every configured service of these agencies, most recently changed first. */
    listForAgencies(agencyCodes: readonly string[], limit = 200) {
      return listLatestForAgencies(db, agencyCodes, limit);
    },
  };
  return service;
}

export type ServiceConfigService = ReturnType<typeof createServiceConfigService>;

/** JSON with sorted keys: jsonb stores keys in its own order, so plain JSON.stringify cannot compare. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * A synchronous commune check for validateAnswers, loaded once from the 2025 units (34 provinces,
 * 3,321 communes: a few hundred kilobytes).
 */
export async function createCommuneLookup(units: {
  listProvinces(): Promise<readonly { code: string }[]>;
  listCommunes(provinceCode: string): Promise<readonly { code: string }[]>;
}): Promise<CommuneLookup> {
  const known = new Set<string>();
  for (const province of await units.listProvinces()) {
    for (const commune of await units.listCommunes(province.code)) known.add(`${province.code}/${commune.code}`);
  }
  return { communeExists: (provinceCode, communeCode) => known.has(`${provinceCode}/${communeCode}`) };
}

export type { ServiceConfigTables };
