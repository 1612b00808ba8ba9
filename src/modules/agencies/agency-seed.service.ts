/** Loads the shipped seed files (db/seed/) into the module's tables: idempotent, one transaction. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import * as unitRepo from './admin-unit.repo.ts';
import type { CommuneSeed, LegacyCommunesFile, ProvinceSeed } from './admin-unit.types.ts';
import { foldUnitCoreName, foldVietnamese } from './admin-unit.workflow.ts';
import { agencyKey } from './agency-name.workflow.ts';
import * as agencyRepo from './agency.repo.ts';
import type { AgenciesDatabase, AgencyAliasTable } from './agency.tables.ts';
import type { AgenciesSeedFile } from './agency.types.ts';

export interface SeedCounts {
  provinces: number;
  communes: number;
  legacyCommunes: number;
  agencies: number;
  localKinds: number;
  aliases: number;
}

export function createAgencySeedService({ db, seedDir }: { db: Kysely<AgenciesDatabase>; seedDir: string }) {
  return {
    /** Loads provinces, communes, pre-reform units and agencies. Throws AGENCY_SEED_INVALID on a malformed file. */
    async seed(): Promise<SeedCounts> {
      const read = async <T>(file: string): Promise<T> => {
        try {
          return JSON.parse(await fs.readFile(path.join(seedDir, file), 'utf8')) as T;
        } catch (err) {
          throw new AppError('AGENCY_SEED_INVALID', `${file}: ${(err as Error).message}`);
        }
      };
      const provinces = await read<ProvinceSeed[]>('admin-units/provinces.json');
      const communes = await read<CommuneSeed[]>('admin-units/communes.json');
      const legacy = await read<LegacyCommunesFile>('admin-units/legacy-communes.json');
      const agencies = await read<AgenciesSeedFile>('agencies.json');
      if (!Array.isArray(provinces) || !Array.isArray(communes) || !Array.isArray(legacy.communes) || !Array.isArray(agencies.agencies)) {
        throw new AppError('AGENCY_SEED_INVALID', 'unexpected file shape');
      }

      const aliases = new Map<string, AgencyAliasTable>();
      const targetOfKey = new Map<string, string>();
      const addAlias = (name: string, target: { agency_code: string } | { local_kind: string }) => {
        const key = agencyKey(name);
        const who = 'agency_code' in target ? target.agency_code : `kind:${target.local_kind}`;
        if (key === '' || aliases.has(name)) return;
        const owner = targetOfKey.get(key);
        if (owner !== undefined && owner !== who) throw new AppError('AGENCY_SEED_INVALID', `"${name}" names both ${owner} and ${who}`);
        targetOfKey.set(key, who);
        aliases.set(name, { name, name_key: key, agency_code: null, local_kind: null, ...target });
      };
      for (const [code, name, , kind, , , , , names] of agencies.agencies) {
        // A commune People's Committee's bare name repeats across provinces; its aliases are qualified.
        if (kind !== 'commune_pc') addAlias(name, { agency_code: code });
        for (const alias of names) addAlias(alias, { agency_code: code });
      }
      for (const kind of agencies.localKinds) {
        addAlias(kind.name, { local_kind: kind.key });
        for (const alias of kind.aliases) addAlias(alias, { local_kind: kind.key });
      }

      await db.transaction().execute(async (tx) => {
        await unitRepo.upsertProvinces(
          tx,
          provinces.map((p) => ({ code: p.code, name: p.name, short_name: p.shortName, unit_type: p.type, name_folded: foldUnitCoreName(p.name) })),
        );
        await unitRepo.upsertCommunes(
          tx,
          communes.map((c) => ({
            code: c.code,
            name: c.name,
            unit_type: c.type,
            province_code: c.provinceCode,
            name_folded: foldVietnamese(c.name),
            core_folded: foldUnitCoreName(c.name),
          })),
        );
        await unitRepo.replaceLegacyUnits(tx, {
          provinces: legacy.provinces.map((p) => ({ id: p.id, name: p.name, name_folded: foldUnitCoreName(p.name) })),
          provinceMappings: legacy.provinces.flatMap((p) => p.provinceCodes.map((code) => ({ legacy_id: p.id, province_code: code }))),
          communes: legacy.communes.map(([id, name, provinceId, type]) => ({
            id,
            name,
            unit_type: type,
            province_id: provinceId,
            name_folded: foldVietnamese(name),
            core_folded: foldUnitCoreName(name),
          })),
          communeMappings: legacy.communes.flatMap(([id, , , , targets]) =>
            targets.map(([code, t]) => ({ legacy_id: id, commune_code: code, merge_type: t === 'F' ? 'full' : 'partial' })),
          ),
        });
        await agencyRepo.upsertLocalKinds(
          tx,
          agencies.localKinds.map((k) => ({
            key: k.key,
            name: k.name,
            level: k.level,
            is_current: k.current,
            successor_key: k.successorKey,
            instantiated: k.instantiated,
          })),
        );
        await agencyRepo.upsertAgencies(
          tx,
          agencies.agencies.map(([code, name, shortName, kind, parentCode, provinceCode, communeCode, localKind]) => ({
            code,
            name,
            short_name: shortName,
            kind,
            parent_code: parentCode,
            admin_unit_scheme: provinceCode ? '2025' : null,
            province_code: provinceCode,
            commune_code: communeCode,
            local_kind: localKind,
          })),
        );
        await agencyRepo.replaceAliases(tx, [...aliases.values()]);
      });
      return {
        provinces: provinces.length,
        communes: communes.length,
        legacyCommunes: legacy.communes.length,
        agencies: agencies.agencies.length,
        localKinds: agencies.localKinds.length,
        aliases: aliases.size,
      };
    },
  };
}
