/** Administrative-unit domain types (the 2025 two-tier list and the pre-reform list). */

export type ProvinceType = 'tỉnh' | 'thành phố';
export type CommuneType = 'phường' | 'xã' | 'đặc khu';
/** Pre-reform units: communes, plus the five island districts that had no communes. */
export type LegacyUnitType = 'phường' | 'xã' | 'thị trấn' | 'huyện';
export type MergeType = 'full' | 'partial';

export interface Province {
  code: string;
  name: string;
  shortName: string;
  type: ProvinceType;
}

export interface Commune {
  code: string;
  name: string;
  type: CommuneType;
  provinceCode: string;
}

export interface LegacyProvince {
  id: string;
  name: string;
  /** The 2025 province(s) the old province went into. */
  provinceCodes: string[];
}

export interface LegacyCommune {
  id: string;
  name: string;
  type: LegacyUnitType;
  provinceId: string;
  provinceName: string;
}

/** A 2025 commune an old unit went into, whole or in part. */
export interface LegacyTarget extends Commune {
  mergeType: MergeType;
}

export interface LegacyAddressQuery {
  provinceName?: string;
  provinceCode?: string;
  communeName?: string;
  communeCode?: string;
}

export interface LegacyAddressResolution {
  /** False when the old unit went to several new ones, in part, or the name was ambiguous: ask the user. */
  certain: boolean;
  /** The 2025 province(s). */
  provinces: Province[];
  /** The 2025 commune(s); empty when only a province was asked for. */
  communes: LegacyTarget[];
  /** The old unit(s) that matched the query. */
  legacy: LegacyCommune[];
}

// Seed file shapes (db/seed/admin-units/*.json).
export type ProvinceSeed = Province;
export type CommuneSeed = Commune;
export type LegacyProvinceSeed = LegacyProvince;
/** [oldId, oldName, oldProvinceId, oldType, [[newCommuneCode, 'F' | 'P'], …]] — compact on purpose. */
export type LegacyCommuneSeed = [string, string, string, LegacyUnitType, Array<[string, 'F' | 'P']>];
export interface LegacyCommunesFile {
  format: string;
  provinces: LegacyProvinceSeed[];
  communes: LegacyCommuneSeed[];
}
