/** Use cases over the agency register: lookups and name resolution. */
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import * as unitRepo from './admin-unit.repo.ts';
import { classifyAgencyName, type ProvinceName } from './agency-kind.workflow.ts';
import { agencyKey } from './agency-name.workflow.ts';
import * as repo from './agency.repo.ts';
import type { AgenciesDatabase } from './agency.tables.ts';
import type { Agency, AgencyKind, AgencyReference, LocalKind } from './agency.types.ts';

export function createAgencyService({ db }: { db: Kysely<AgenciesDatabase> }) {
  let provinceNames: Promise<ProvinceName[]> | null = null;
  // The province list is fixed by law between reforms: read once per process.
  const loadProvinceNames = () => {
    provinceNames ??= unitRepo.listProvinces(db).then((ps) => ps.map((p) => ({ code: p.code, shortName: p.shortName })));
    return provinceNames;
  };

  const service = {
    /** One agency with its aliases. Throws AGENCY_NOT_FOUND. */
    async findAgency(code: string): Promise<Agency> {
      const agency = await repo.findAgency(db, code);
      if (!agency) throw new AppError('AGENCY_NOT_FOUND', code);
      return agency;
    },

    /** Agencies by kind and/or parent (and local kind or province), in code order. */
    listAgencies(filter: { kind?: AgencyKind; parentCode?: string; localKind?: string; provinceCode?: string } = {}): Promise<Agency[]> {
      return repo.listAgencies(db, filter);
    },

    listLocalKinds(): Promise<LocalKind[]> {
      return repo.listLocalKinds(db);
    },

    /**
     * What a name from a procedure record refers to: an agency, or a local kind ("Công an cấp Xã").
     * Known spellings are looked up by key; "Sở Tư pháp tỉnh X"-style names of a province's agency
     * are resolved through the kind table. Null when unknown.
     */
    async resolveAgencyReference(name: string): Promise<AgencyReference | null> {
      const key = agencyKey(name);
      if (key === '') return null;
      const known = await repo.findByNameKey(db, key);
      if (known) return known;
      let classification;
      try {
        classification = classifyAgencyName(name, await loadProvinceNames());
      } catch {
        return null; // A generic name the kind table does not know: not an agency we can name.
      }
      if (classification.type !== 'local') {
        if (classification.type === 'central' && classification.key !== key) return repo.findByNameKey(db, classification.key);
        return null;
      }
      const { kind, provinceCode } = classification;
      if (provinceCode) {
        const targetKind = kind.instance || kind.key === 'province.pc' ? kind.key : kind.successor;
        const instance = targetKind ? await repo.findKindInstance(db, targetKind, provinceCode) : null;
        if (instance) return { type: 'agency', ...instance };
      }
      return { type: 'local_kind', key: kind.key, name: kind.name, level: kind.level, provinceCode };
    },

    /** The agency a name refers to, by normalised key or alias; null for local kinds and unknown names. */
    async resolveAgencyName(name: string): Promise<{ code: string; name: string } | null> {
      const ref = await service.resolveAgencyReference(name);
      return ref?.type === 'agency' ? { code: ref.code, name: ref.name } : null;
    },
  };
  return service;
}

export type AgencyService = ReturnType<typeof createAgencyService>;
