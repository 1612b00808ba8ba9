/** Names of the 2025 administrative units and of agencies, for the pages and form 01. */
import type { PersonDetails } from '../../core/dossier.types.ts';
import type { AgencyRegister, UnitDirectory } from './citizen-deps.types.ts';
import { placeName } from './receipt/receipt-form.presenter.ts';

export interface UnitNames {
  province(code: string): string | undefined;
  commune(provinceCode: string, code: string): string | undefined;
  /** "Số 1 phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội" (or the address's own text). */
  address(address: PersonDetails['address']): string;
}

/** The names of the provinces and of the communes of `provinceCodes`, fetched once for a page. */
export async function loadUnitNames(units: UnitDirectory, provinceCodes: Iterable<string>): Promise<UnitNames> {
  const provinces = new Map((await units.listProvinces()).map((p) => [p.code, p.name ?? p.code]));
  const communes = new Map<string, string>();
  for (const code of new Set(provinceCodes)) {
    if (!/^\d{2}$/.test(code)) continue;
    for (const c of await units.listCommunes(code).catch(() => [])) communes.set(`${code}/${c.code}`, c.name ?? c.code);
  }
  const names: UnitNames = {
    province: (code) => provinces.get(code),
    commune: (province, code) => communes.get(`${province}/${code}`),
    address(address) {
      if (!address) return '';
      if (address.text) return address.text;
      const province = address.provinceCode ?? '';
      const commune = address.communeCode ?? '';
      return [address.street ?? '', names.commune(province, commune) ?? commune, names.province(province) ?? province].filter((s) => s.trim()).join(', ');
    },
  };
  return names;
}

/** The agency as form 01's header prints it: name, managing agency, and the place it serves. */
export async function agencyHeader(agencies: AgencyRegister | undefined, units: UnitDirectory, code: string, fallbackName: string) {
  const agency = agencies ? await agencies.findAgency(code).catch(() => null) : null;
  // Without the register (or for an unknown code): the name alone, and the capital, where central bodies sit.
  if (!agencies || !agency) return { name: fallbackName, place: 'Hà Nội' };
  const parent = agency.parentCode ? await agencies.findAgency(agency.parentCode).catch(() => null) : null;
  const unit = agency.adminUnit;
  const names = unit ? await loadUnitNames(units, [unit.provinceCode]) : null;
  const where = unit && names ? (unit.communeCode ? names.commune(unit.provinceCode, unit.communeCode) : undefined) ?? names.province(unit.provinceCode) : undefined;
  return { name: agency.name, parentName: parent?.name, place: where ? placeName(where) : 'Hà Nội' };
}
