/**
 * All SQL on dossier_service_config. Rows are only ever inserted: a dossier keeps the id of the row
 * it was filed under, so a published version never changes.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ServiceConfigTables } from './service-config.tables.ts';
import type { ServiceConfigVersion, ServiceDefinition } from './service-config.types.ts';

export type ServiceConfigDb = Kysely<ServiceConfigTables>;
type Row = Selectable<ServiceConfigTables['dossier_service_config']>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toVersion(row: Row): ServiceConfigVersion {
  return {
    id: row.id,
    procedureCode: row.procedure_code,
    agencyCode: row.agency_code,
    version: row.version,
    catalogVersion: row.catalog_version,
    origin: row.origin,
    createdBy: row.created_by,
    createdAt: row.created_at,
    definition: row.definition as ServiceDefinition,
  };
}

export async function findLatest(db: ServiceConfigDb, procedureCode: string, agencyCode: string): Promise<ServiceConfigVersion | null> {
  const row = await db
    .selectFrom('dossier_service_config')
    .selectAll()
    .where('procedure_code', '=', procedureCode)
    .where('agency_code', '=', agencyCode)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function findById(db: ServiceConfigDb, id: string): Promise<ServiceConfigVersion | null> {
  if (!UUID.test(id)) return null;
  const row = await db.selectFrom('dossier_service_config').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export interface NewVersion {
  procedureCode: string;
  agencyCode: string;
  version: number;
  catalogVersion: number;
  definition: ServiceDefinition;
  origin: 'generated' | 'edited';
  createdBy: string | null;
  createdAt: Date;
}

/** Inserts a version; null when that version number already exists (another request won the race). */
export async function insertVersion(db: ServiceConfigDb, input: NewVersion): Promise<ServiceConfigVersion | null> {
  const row = await db
    .insertInto('dossier_service_config')
    .values({
      procedure_code: input.procedureCode,
      agency_code: input.agencyCode,
      version: input.version,
      catalog_version: input.catalogVersion,
      definition: JSON.stringify(input.definition),
      origin: input.origin,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .onConflict((oc) => oc.columns(['procedure_code', 'agency_code', 'version']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Every version, newest first, without the definitions. */
export async function listVersions(db: ServiceConfigDb, procedureCode: string, agencyCode: string) {
  const rows = await db
    .selectFrom('dossier_service_config')
    .select(['id', 'version', 'catalog_version', 'origin', 'created_by', 'created_at'])
    .where('procedure_code', '=', procedureCode)
    .where('agency_code', '=', agencyCode)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, catalogVersion: r.catalog_version, origin: r.origin, createdBy: r.created_by, createdAt: r.created_at }));
}

/** The latest version of each service the agencies have, most recently changed first. */
export async function listLatestForAgencies(db: ServiceConfigDb, agencyCodes: readonly string[], limit: number) {
  if (agencyCodes.length === 0) return [];
  const rows = await db
    .selectFrom('dossier_service_config')
    .select(['id', 'procedure_code', 'agency_code', 'version', 'origin', 'created_at'])
    .select(sql<string | null>`definition->>'procedureName'`.as('procedure_name'))
    .distinctOn(['procedure_code', 'agency_code'])
    .where('agency_code', 'in', agencyCodes)
    .orderBy('procedure_code')
    .orderBy('agency_code')
    .orderBy('version', 'desc')
    .execute();
  return rows
    .map((r) => ({ id: r.id, procedureCode: r.procedure_code, agencyCode: r.agency_code, procedureName: r.procedure_name ?? r.procedure_code, version: r.version, origin: r.origin, createdAt: r.created_at }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, limit);
}
