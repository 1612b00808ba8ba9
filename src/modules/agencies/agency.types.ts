/** Agency register domain types. */

export const AGENCY_KINDS = ['ministry', 'central_unit', 'province_pc', 'province_department', 'commune_pc', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Where a local kind of agency sits. 'district' kinds ceased to exist on 1 Jul 2025. */
export const LOCAL_KIND_LEVELS = ['province', 'commune', 'district', 'regional', 'unspecified'] as const;
export type LocalKindLevel = (typeof LOCAL_KIND_LEVELS)[number];

/** The administrative unit an agency serves, in the 2025 scheme; null for central bodies. */
export interface AgencyAdminUnit {
  scheme: '2025';
  provinceCode: string;
  communeCode: string | null;
}

export interface Agency {
  /** Electronic identifier, QCVN 102:2016 style `L4.L3.L2.L1` (derived, see README). */
  code: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentCode: string | null;
  adminUnit: AgencyAdminUnit | null;
  /** Local kind this agency is an instance of (e.g. 'province.police'), if any. */
  localKind: string | null;
  aliases: string[];
}

/** A kind of agency named generically in procedure records ("Công an cấp Xã", "Sở Tư pháp"). */
export interface LocalKind {
  key: string;
  name: string;
  level: LocalKindLevel;
  /** False for kinds abolished by the 2025 reform. */
  current: boolean;
  /** The current kind that took over a former one. */
  successorKey: string | null;
  /** Whether the register holds one agency of this kind per province (or commune). */
  instantiated: boolean;
  aliases: string[];
}

/** What a name in a procedure record refers to. */
export type AgencyReference =
  | { type: 'agency'; code: string; name: string }
  | { type: 'local_kind'; key: string; name: string; level: LocalKindLevel; provinceCode: string | null };

/** Shape of db/seed/agencies.json. */
export interface AgenciesSeedFile {
  generatedBy: string;
  codeScheme: string;
  ministryCodes: Record<string, { code: string; evidence: string }>;
  localKinds: LocalKind[];
  /** [code, name, shortName, kind, parentCode, provinceCode, communeCode, localKind, aliases] */
  agencies: AgencySeedRow[];
  noise: string[];
}
export type AgencySeedRow = [
  string,
  string,
  string | null,
  AgencyKind,
  string | null,
  string | null,
  string | null,
  string | null,
  string[],
];
