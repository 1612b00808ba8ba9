/** Use cases over administrative units: lists, name search and old→new address conversion. */
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import * as repo from './admin-unit.repo.ts';
import type { Commune, LegacyAddressQuery, LegacyAddressResolution, LegacyCommune, LegacyProvince, Province } from './admin-unit.types.ts';
import { foldUnitCoreName, foldVietnamese } from './admin-unit.workflow.ts';
import type { AgenciesDatabase } from './agency.tables.ts';

export function createAdminUnitService({ db }: { db: Kysely<AgenciesDatabase> }) {
  return {
    /** The 34 provinces of the 2025 scheme, in code order. */
    listProvinces(): Promise<Province[]> {
      return repo.listProvinces(db);
    },

    /** The communes of one province. Throws ADMIN_UNIT_NOT_FOUND for an unknown province. */
    async listCommunes(provinceCode: string): Promise<Commune[]> {
      if (!(await repo.findProvince(db, provinceCode))) throw new AppError('ADMIN_UNIT_NOT_FOUND', `province ${provinceCode}`);
      return repo.listCommunes(db, provinceCode);
    },

    /** 2025 communes by name, ignoring case, diacritics and the type word ("ba dinh" finds "Phường Ba Đình"). */
    findCommuneByName(name: string, provinceCode?: string): Promise<Commune[]> {
      // Stored rows carry the folded name with and without the type word, so either form matches.
      const folded = foldVietnamese(name);
      if (folded === '') return Promise.resolve([]);
      return repo.findCommunesByFoldedName(db, folded, provinceCode);
    },

    /**
     * The 2025 unit(s) an address written before 1 Jul 2025 now belongs to. `certain` is false when
     * the old commune was split or partly merged, or the name matched several old communes: the
     * user must confirm. Throws ADMIN_UNIT_QUERY_EMPTY without a commune or province, and
     * ADMIN_UNIT_NOT_FOUND when nothing matches.
     */
    async resolveLegacyAddress(query: LegacyAddressQuery): Promise<LegacyAddressResolution> {
      const provinces = await findLegacyProvinces(db, query);
      if (!query.communeCode && !query.communeName) {
        if (!query.provinceCode && !query.provinceName) throw new AppError('ADMIN_UNIT_QUERY_EMPTY');
        if (provinces.length === 0) throw new AppError('ADMIN_UNIT_NOT_FOUND', 'province');
        const codes = [...new Set(provinces.flatMap((p) => p.provinceCodes))];
        return { certain: provinces.length === 1 && codes.length === 1, provinces: await loadProvinces(db, codes), communes: [], legacy: [] };
      }
      const provinceFilter = query.provinceCode || query.provinceName ? provinces.map((p) => p.id) : undefined;
      let legacy: LegacyCommune[];
      if (query.communeCode) {
        legacy = await repo.findLegacyCommunes(db, { id: query.communeCode, ...(provinceFilter ? { provinceIds: provinceFilter } : {}) });
      } else {
        legacy = await repo.findLegacyCommunes(db, { folded: foldVietnamese(query.communeName ?? ''), ...(provinceFilter ? { provinceIds: provinceFilter } : {}) });
      }
      if (legacy.length === 0) throw new AppError('ADMIN_UNIT_NOT_FOUND', 'commune');
      const targets = await repo.findLegacyTargets(db, legacy.map((l) => l.id));
      const communes = dedupe(targets.map(({ legacyId: _ignored, ...t }) => t), (t) => t.code);
      const certain = legacy.length === 1 && communes.length === 1 && communes[0]?.mergeType === 'full';
      const provinceCodes = [...new Set(communes.map((c) => c.provinceCode))];
      return { certain, provinces: await loadProvinces(db, provinceCodes), communes, legacy };
    },
  };
}

export type AdminUnitService = ReturnType<typeof createAdminUnitService>;

async function findLegacyProvinces(db: Kysely<AgenciesDatabase>, query: LegacyAddressQuery): Promise<LegacyProvince[]> {
  if (query.provinceCode) return repo.findLegacyProvinces(db, { id: query.provinceCode });
  if (query.provinceName) return repo.findLegacyProvinces(db, { folded: foldUnitCoreName(query.provinceName) });
  return [];
}

async function loadProvinces(db: Kysely<AgenciesDatabase>, codes: string[]): Promise<Province[]> {
  const all = await repo.listProvinces(db);
  return all.filter((p) => codes.includes(p.code));
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
