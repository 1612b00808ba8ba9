/** Kysely table interfaces of the agencies module (db/migrations/0001_agencies_create.sql). */

export interface AdminUnitProvinceTable {
  code: string;
  name: string;
  short_name: string;
  unit_type: string;
  name_folded: string;
}

export interface AdminUnitCommuneTable {
  code: string;
  name: string;
  unit_type: string;
  province_code: string;
  name_folded: string;
  core_folded: string;
}

export interface AdminUnitLegacyProvinceTable {
  id: string;
  name: string;
  name_folded: string;
}

export interface AdminUnitLegacyProvinceMappingTable {
  legacy_id: string;
  province_code: string;
}

export interface AdminUnitLegacyCommuneTable {
  id: string;
  name: string;
  unit_type: string;
  province_id: string;
  name_folded: string;
  core_folded: string;
}

export interface AdminUnitLegacyCommuneMappingTable {
  legacy_id: string;
  commune_code: string;
  merge_type: string;
}

export interface AgencyLocalKindTable {
  key: string;
  name: string;
  level: string;
  is_current: boolean;
  successor_key: string | null;
  instantiated: boolean;
}

export interface AgencyTable {
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  parent_code: string | null;
  admin_unit_scheme: string | null;
  province_code: string | null;
  commune_code: string | null;
  local_kind: string | null;
}

export interface AgencyAliasTable {
  name: string;
  name_key: string;
  agency_code: string | null;
  local_kind: string | null;
}

export interface AgenciesDatabase {
  admin_unit_province: AdminUnitProvinceTable;
  admin_unit_commune: AdminUnitCommuneTable;
  admin_unit_legacy_province: AdminUnitLegacyProvinceTable;
  admin_unit_legacy_province_mapping: AdminUnitLegacyProvinceMappingTable;
  admin_unit_legacy_commune: AdminUnitLegacyCommuneTable;
  admin_unit_legacy_commune_mapping: AdminUnitLegacyCommuneMappingTable;
  agency_local_kind: AgencyLocalKindTable;
  agency: AgencyTable;
  agency_alias: AgencyAliasTable;
}
