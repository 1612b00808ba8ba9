/** All SQL over the agency_* tables. */
import type { Kysely } from 'kysely';
import type { Agency, AgencyKind, AgencyReference, LocalKind, LocalKindLevel } from './agency.types.ts';
import type { AgenciesDatabase, AgencyAliasTable, AgencyLocalKindTable, AgencyTable } from './agency.tables.ts';

type Db = Kysely<AgenciesDatabase>;
const BATCH = 1000;

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Inserts or updates local kinds. */
export async function upsertLocalKinds(tx: Db, rows: AgencyLocalKindTable[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx
      .insertInto('agency_local_kind')
      .values(batch)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          is_current: eb.ref('excluded.is_current'),
          successor_key: eb.ref('excluded.successor_key'),
          instantiated: eb.ref('excluded.instantiated'),
        })),
      )
      .execute(),
  );
}

/** Inserts or updates agencies; parents may come later in the same transaction (deferred FK). */
export async function upsertAgencies(tx: Db, rows: AgencyTable[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx
      .insertInto('agency')
      .values(batch)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          short_name: eb.ref('excluded.short_name'),
          kind: eb.ref('excluded.kind'),
          parent_code: eb.ref('excluded.parent_code'),
          admin_unit_scheme: eb.ref('excluded.admin_unit_scheme'),
          province_code: eb.ref('excluded.province_code'),
          commune_code: eb.ref('excluded.commune_code'),
          local_kind: eb.ref('excluded.local_kind'),
        })),
      )
      .execute(),
  );
}

/** Replaces every alias: they are derived from the seed and have no other referrers. */
export async function replaceAliases(tx: Db, rows: AgencyAliasTable[]): Promise<void> {
  await tx.deleteFrom('agency_alias').execute();
  await inBatches(rows, (batch) => tx.insertInto('agency_alias').values(batch).execute());
}

function toAgency(r: AgencyTable, aliases: string[]): Agency {
  return {
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as AgencyKind,
    parentCode: r.parent_code,
    adminUnit: r.province_code ? { scheme: '2025', provinceCode: r.province_code, communeCode: r.commune_code } : null,
    localKind: r.local_kind,
    aliases,
  };
}

export async function findAgency(db: Db, code: string): Promise<Agency | null> {
  const row = await db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) return null;
  const aliases = await db.selectFrom('agency_alias').select('name').where('agency_code', '=', code).orderBy('name').execute();
  return toAgency(row, aliases.map((a) => a.name).filter((n) => n !== row.name));
}

/** Agencies filtered by kind, parent, local kind or province, in code order; aliases not loaded. */
export async function listAgencies(
  db: Db,
  filter: { kind?: AgencyKind; parentCode?: string; localKind?: string; provinceCode?: string },
): Promise<Agency[]> {
  let q = db.selectFrom('agency').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.parentCode) q = q.where('parent_code', '=', filter.parentCode);
  if (filter.localKind) q = q.where('local_kind', '=', filter.localKind);
  if (filter.provinceCode) q = q.where('province_code', '=', filter.provinceCode);
  return (await q.orderBy('code').execute()).map((r) => toAgency(r, []));
}

/** The agency or local kind an alias key names. */
export async function findByNameKey(db: Db, nameKey: string): Promise<AgencyReference | null> {
  const row = await db
    .selectFrom('agency_alias as a')
    .leftJoin('agency as g', 'g.code', 'a.agency_code')
    .leftJoin('agency_local_kind as k', 'k.key', 'a.local_kind')
    .select(['a.agency_code', 'g.name as agency_name', 'a.local_kind', 'k.name as kind_name', 'k.level'])
    .where('a.name_key', '=', nameKey)
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  if (row.agency_code) return { type: 'agency', code: row.agency_code, name: row.agency_name ?? '' };
  return { type: 'local_kind', key: row.local_kind ?? '', name: row.kind_name ?? '', level: (row.level ?? 'unspecified') as LocalKindLevel, provinceCode: null };
}

/** The agency that is the instance of a local kind in one province (or commune). */
export async function findKindInstance(db: Db, localKind: string, provinceCode: string, communeCode?: string): Promise<{ code: string; name: string } | null> {
  let q = db.selectFrom('agency').select(['code', 'name']).where('local_kind', '=', localKind).where('province_code', '=', provinceCode);
  q = communeCode ? q.where('commune_code', '=', communeCode) : q.where('commune_code', 'is', null);
  return (await q.executeTakeFirst()) ?? null;
}

export async function listLocalKinds(db: Db): Promise<LocalKind[]> {
  const kinds = await db.selectFrom('agency_local_kind').selectAll().orderBy('key').execute();
  const aliases = await db.selectFrom('agency_alias').select(['local_kind', 'name']).where('local_kind', 'is not', null).orderBy('name').execute();
  return kinds.map((k) => ({
    key: k.key,
    name: k.name,
    level: k.level as LocalKindLevel,
    current: k.is_current,
    successorKey: k.successor_key,
    instantiated: k.instantiated,
    aliases: aliases.filter((a) => a.local_kind === k.key && a.name !== k.name).map((a) => a.name),
  }));
}

export async function countAgencies(db: Db): Promise<number> {
  return Number((await db.selectFrom('agency').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
