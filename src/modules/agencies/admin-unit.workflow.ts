import type { CommuneType, LegacyUnitType, ProvinceType } from './admin-unit.types.ts';

export type {
  CommuneSeed,
  LegacyCommuneSeed,
  LegacyProvinceSeed,
  ProvinceSeed,
} from './admin-unit.types.ts';

/** "Thành phố Hà Nội" → 'thành phố'; anything else is a 'tỉnh'. */
export function deriveProvinceType(name: string): ProvinceType {
  return /^thành phố\s/i.test(name.normalize('NFC')) ? 'thành phố' : 'tỉnh';
}

/** The 2025 unit type is the first word(s) of its official name. Throws on an unknown prefix. */
export function deriveCommuneType(name: string): CommuneType {
  const n = name.normalize('NFC');
  if (/^phường\s/i.test(n)) return 'phường';
  if (/^xã\s/i.test(n)) return 'xã';
  if (/^đặc khu\s/i.test(n)) return 'đặc khu';
  throw new Error(`Cannot tell the unit type of "${name}"`);
}

/** Pre-reform unit type from its name ("Thị trấn …", "Huyện …" for the island districts). */
export function deriveLegacyUnitType(name: string): LegacyUnitType {
  const n = name.normalize('NFC');
  if (/^phường\s/i.test(n)) return 'phường';
  if (/^xã\s/i.test(n)) return 'xã';
  if (/^thị trấn\s/i.test(n)) return 'thị trấn';
  if (/^huyện\s/i.test(n)) return 'huyện';
  throw new Error(`Cannot tell the unit type of "${name}"`);
}

/**
 * Folds a Vietnamese name for diacritic-insensitive matching: NFD, marks removed, đ → d,
 * lower-case, punctuation to spaces, whitespace collapsed. "Phường Ba Đình" → "phuong ba dinh".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const UNIT_PREFIX = /^(thanh pho|tinh|tp|phuong|xa|dac khu|thi tran|thi xa|quan|huyen)\s+/;

/**
 * The folded name without its unit-type prefix, so "Ba Đình" finds "Phường Ba Đình".
 * Numbered wards keep their prefix ("Phường 1" → "phuong 1") because "1" alone is meaningless.
 */
export function foldUnitCoreName(text: string): string {
  const folded = foldVietnamese(text);
  const core = folded.replace(UNIT_PREFIX, '');
  return /^\d+$/.test(core) ? folded : core;
}
