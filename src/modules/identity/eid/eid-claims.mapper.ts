/**
 * Maps what an upstream e-ID sends to OpenDVC's profile shape. Accepts the OpenID Connect standard
 * names our reference provider uses (`personal_id`, `name`, `birthdate`, ...) and the DVCQG / VNeID
 * names of DOMAIN.md §12.2 (`SoDinhDanh`, `HoVaTen`, `NgayThangNamSinh`, ...). Pure; never throws:
 * a missing claim is null, a malformed one is null and named in `issues`.
 */
export interface EidProfile {
  /** The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD). */
  readonly idNumber: string | null;
  readonly fullName: string | null;
  /** ISO date, YYYY-MM-DD. */
  readonly birthdate: string | null;
  readonly gender: 'male' | 'female' | 'other' | null;
  /** Domestic format (0 + 9 digits) for Vietnamese numbers, otherwise + and digits. */
  readonly phone: string | null;
  readonly email: string | null;
  /** One line, as the provider formats it. */
  readonly address: string | null;
}

export interface EidClaimsMapping {
  readonly profile: EidProfile;
  readonly issues: readonly string[];
}

type RawClaims = Readonly<Record<string, unknown>>;

const ID_NUMBER_KEYS = ['personal_id', 'cccd', 'SoDinhDanh'] as const;
const NAME_KEYS = ['name', 'HoVaTen'] as const;
const BIRTHDATE_KEYS = ['birthdate', 'NgayThangNamSinh'] as const;
const GENDER_KEYS = ['gender', 'GioiTinh'] as const;
const PHONE_KEYS = ['phone_number', 'SoDienThoai'] as const;
const EMAIL_KEYS = ['email', 'ThuDienTu'] as const;
const ADDRESS_KEYS = ['address', 'NoiOHienNay', 'DiaChi', 'ThuongTru'] as const;

/** Maps upstream claims to the profile; see the module comment for the names read. */
export function mapEidClaims(raw: RawClaims): EidClaimsMapping {
  const issues: string[] = [];
  const read = <T>(keys: readonly string[], parse: (value: unknown) => T | null): T | null => {
    for (const key of keys) {
      const value = raw[key];
      if (value === undefined || value === null || value === '') continue;
      const parsed = parse(value);
      if (parsed !== null) return parsed;
      issues.push(key);
    }
    return null;
  };
  const profile: EidProfile = {
    idNumber: read(ID_NUMBER_KEYS, parseIdNumber),
    fullName: read(NAME_KEYS, cleanText) ?? composeName(raw),
    birthdate: read(BIRTHDATE_KEYS, parseBirthdate),
    gender: read(GENDER_KEYS, parseGender),
    phone: read(PHONE_KEYS, parsePhone),
    email: read(EMAIL_KEYS, parseEmail),
    address: read(ADDRESS_KEYS, parseAddress),
  };
  return { profile, issues };
}

/** NFC, trimmed, inner whitespace collapsed; null for empty or non-text values. */
function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return text === '' ? null : text;
}

export function parseIdNumber(value: unknown): string | null {
  const text = typeof value === 'number' ? String(value) : cleanText(value);
  if (text === null) return null;
  const digits = text.replace(/[\s.-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}

/** Vietnamese order: family, middle, given. */
function composeName(raw: RawClaims): string | null {
  const parts = [raw.family_name, raw.middle_name, raw.given_name].map(cleanText).filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Accepts YYYY-MM-DD (OpenID Connect), YYYYMMDD and DD/MM/YYYY (Vietnamese registers); a real date only. */
function parseBirthdate(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  const vn = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1]!, iso[2]!, iso[3]!] : vn ? [vn[3]!, vn[2]!, vn[1]!] : [];
  if (!year || !month || !day) return null;
  const date = `${year}-${month}-${day}`;
  const real = new Date(`${date}T00:00:00Z`);
  return Number(year) >= 1900 && !Number.isNaN(real.getTime()) && real.toISOString().slice(0, 10) === date ? date : null;
}

function parseGender(value: unknown): EidProfile['gender'] {
  const text = cleanText(typeof value === 'number' ? String(value) : value)?.toLowerCase();
  if (text === undefined) return null;
  if (['male', 'nam', 'm'].includes(text)) return 'male';
  if (['female', 'nữ', 'nu', 'f'].includes(text)) return 'female';
  if (['other', 'khác', 'khac'].includes(text)) return 'other';
  return null;
}

function parsePhone(value: unknown): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const compact = text.replace(/[\s.()-]/g, '');
  if (!/^\+?\d{8,15}$/.test(compact)) return null;
  const national = /^(?:\+84|84)(\d{9})$/.exec(compact);
  return national ? `0${national[1]}` : compact;
}

function parseEmail(value: unknown): string | null {
  const text = cleanText(value);
  return text !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(text) ? text : null;
}

function parseAddress(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value !== 'object' || value === null) return null;
  const address = value as Record<string, unknown>;
  const formatted = cleanText(address.formatted);
  if (formatted) return formatted;
  const parts = [address.street_address, address.locality, address.region, address.country].map(cleanText).filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}
