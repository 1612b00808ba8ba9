/** All SQL over the admin_unit_* tables. */
import type { Kysely } from 'kysely';
import type {
  Commune,
  CommuneType,
  LegacyCommune,
  LegacyProvince,
  LegacyTarget,
  LegacyUnitType,
  MergeType,
  Province,
  ProvinceType,
} from './admin-unit.types.ts';
import type {
  AdminUnitCommuneTable,
  AdminUnitLegacyCommuneMappingTable,
  AdminUnitLegacyCommuneTable,
  AdminUnitLegacyProvinceMappingTable,
  AdminUnitLegacyProvinceTable,
  AdminUnitProvinceTable,
  AgenciesDatabase,
} from './agency.tables.ts';

type Db = Kysely<AgenciesDatabase>;
const BATCH = 1000;

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Inserts or updates the 2025 provinces. */
export async function upsertProvinces(tx: Db, rows: AdminUnitProvinceTable[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx
      .insertInto('admin_unit_province')
      .values(batch)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          short_name: eb.ref('excluded.short_name'),
          unit_type: eb.ref('excluded.unit_type'),
          name_folded: eb.ref('excluded.name_folded'),
        })),
      )
      .execute(),
  );
}

/** Inserts or updates the 2025 communes. */
export async function upsertCommunes(tx: Db, rows: AdminUnitCommuneTable[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx
      .insertInto('admin_unit_commune')
      .values(batch)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          unit_type: eb.ref('excluded.unit_type'),
          province_code: eb.ref('excluded.province_code'),
          name_folded: eb.ref('excluded.name_folded'),
          core_folded: eb.ref('excluded.core_folded'),
        })),
      )
      .execute(),
  );
}

/** Replaces the pre-reform units and their old→new mappings. */
export async function replaceLegacyUnits(
  tx: Db,
  data: {
    provinces: AdminUnitLegacyProvinceTable[];
    provinceMappings: AdminUnitLegacyProvinceMappingTable[];
    communes: AdminUnitLegacyCommuneTable[];
    communeMappings: AdminUnitLegacyCommuneMappingTable[];
  },
): Promise<void> {
  // The mappings are derived data with no other referrers: replacing them drops stale pairs.
  await tx.deleteFrom('admin_unit_legacy_commune_mapping').execute();
  await tx.deleteFrom('admin_unit_legacy_province_mapping').execute();
  await inBatches(data.provinces, (batch) =>
    tx
      .insertInto('admin_unit_legacy_province')
      .values(batch)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_folded: eb.ref('excluded.name_folded') })))
      .execute(),
  );
  await inBatches(data.communes, (batch) =>
    tx
      .insertInto('admin_unit_legacy_commune')
      .values(batch)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          unit_type: eb.ref('excluded.unit_type'),
          province_id: eb.ref('excluded.province_id'),
          name_folded: eb.ref('excluded.name_folded'),
          core_folded: eb.ref('excluded.core_folded'),
        })),
      )
      .execute(),
  );
  await inBatches(data.provinceMappings, (batch) => tx.insertInto('admin_unit_legacy_province_mapping').values(batch).execute());
  await inBatches(data.communeMappings, (batch) => tx.insertInto('admin_unit_legacy_commune_mapping').values(batch).execute());
}

const toProvince = (r: AdminUnitProvinceTable): Province => ({
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  type: r.unit_type as ProvinceType,
});
const toCommune = (r: Pick<AdminUnitCommuneTable, 'code' | 'name' | 'unit_type' | 'province_code'>): Commune => ({
  code: r.code,
  name: r.name,
  type: r.unit_type as CommuneType,
  provinceCode: r.province_code,
});

export async function listProvinces(db: Db): Promise<Province[]> {
  return (await db.selectFrom('admin_unit_province').selectAll().orderBy('code').execute()).map(toProvince);
}

export async function findProvince(db: Db, code: string): Promise<Province | null> {
  const row = await db.selectFrom('admin_unit_province').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toProvince(row) : null;
}

/** Provinces whose folded full or short name equals `folded`. */
export async function findProvincesByFoldedName(db: Db, folded: string): Promise<Province[]> {
  const rows = await db.selectFrom('admin_unit_province').selectAll().where('name_folded', '=', folded).execute();
  return rows.map(toProvince);
}

export async function listCommunes(db: Db, provinceCode: string): Promise<Commune[]> {
  const rows = await db.selectFrom('admin_unit_commune').selectAll().where('province_code', '=', provinceCode).orderBy('code').execute();
  return rows.map(toCommune);
}

/** 2025 communes whose folded name, with or without its type word, equals `folded`. */
export async function findCommunesByFoldedName(db: Db, folded: string, provinceCode?: string): Promise<Commune[]> {
  let q = db
    .selectFrom('admin_unit_commune')
    .selectAll()
    .where((eb) => eb.or([eb('name_folded', '=', folded), eb('core_folded', '=', folded)]));
  if (provinceCode) q = q.where('province_code', '=', provinceCode);
  return (await q.orderBy('code').execute()).map(toCommune);
}

export async function countUnits(db: Db): Promise<{ provinces: number; communes: number; legacyCommunes: number }> {
  const count = async (table: 'admin_unit_province' | 'admin_unit_commune' | 'admin_unit_legacy_commune') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { provinces: await count('admin_unit_province'), communes: await count('admin_unit_commune'), legacyCommunes: await count('admin_unit_legacy_commune') };
}

/** Pre-reform provinces by id or folded name (with or without "tỉnh"/"thành phố"). */
export async function findLegacyProvinces(db: Db, by: { id?: string; folded?: string }): Promise<LegacyProvince[]> {
  let q = db
    .selectFrom('admin_unit_legacy_province as p')
    .leftJoin('admin_unit_legacy_province_mapping as m', 'm.legacy_id', 'p.id')
    .select(['p.id', 'p.name', 'm.province_code']);
  if (by.id) q = q.where('p.id', '=', by.id);
  if (by.folded) q = q.where('p.name_folded', '=', by.folded);
  const rows = await q.orderBy('p.id').execute();
  const out = new Map<string, LegacyProvince>();
  for (const r of rows) {
    const p = out.get(r.id) ?? { id: r.id, name: r.name, provinceCodes: [] };
    if (r.province_code) p.provinceCodes.push(r.province_code);
    out.set(r.id, p);
  }
  return [...out.values()];
}

/** Pre-reform units by id, or by folded name (optionally within old provinces). */
export async function findLegacyCommunes(db: Db, by: { id?: string; folded?: string; provinceIds?: string[] }): Promise<LegacyCommune[]> {
  let q = db
    .selectFrom('admin_unit_legacy_commune as c')
    .innerJoin('admin_unit_legacy_province as p', 'p.id', 'c.province_id')
    .select(['c.id', 'c.name', 'c.unit_type', 'c.province_id', 'p.name as province_name']);
  if (by.id) q = q.where('c.id', '=', by.id);
  if (by.folded) {
    const folded = by.folded;
    q = q.where((eb) => eb.or([eb('c.name_folded', '=', folded), eb('c.core_folded', '=', folded)]));
  }
  if (by.provinceIds) {
    if (by.provinceIds.length === 0) return [];
    q = q.where('c.province_id', 'in', by.provinceIds);
  }
  const rows = await q.orderBy('c.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.unit_type as LegacyUnitType, provinceId: r.province_id, provinceName: r.province_name }));
}

/** The 2025 communes the given pre-reform units went into. */
export async function findLegacyTargets(db: Db, legacyIds: string[]): Promise<Array<LegacyTarget & { legacyId: string }>> {
  if (legacyIds.length === 0) return [];
  const rows = await db
    .selectFrom('admin_unit_legacy_commune_mapping as m')
    .innerJoin('admin_unit_commune as c', 'c.code', 'm.commune_code')
    .select(['m.legacy_id', 'm.merge_type', 'c.code', 'c.name', 'c.unit_type', 'c.province_code'])
    .where('m.legacy_id', 'in', legacyIds)
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ ...toCommune(r), mergeType: r.merge_type as MergeType, legacyId: r.legacy_id }));
}
