/**
 * Where a procedure's dossier is submitted online: the agencies the catalog names with a code, or —
 * when the record names a generic agency ("Ủy ban nhân dân cấp xã") — the person's province and
 * commune, whose People's Committee (or the province's) receives it.
 */
import type { Agency } from '../../../../agencies/index.ts';
import type { ProcedureRecord } from '../../../../catalog/index.ts';
import type { AgencyRegister, CitizenPagesDeps } from '../citizen-deps.types.ts';

export type SubmissionPlace =
  | { kind: 'agencies'; agencies: Array<{ code: string; name: string }> }
  | { kind: 'commune' }
  | { kind: 'province' }
  | { kind: 'none' };

export interface PlaceChoice {
  agencyCode: string;
  provinceCode: string;
  communeCode: string;
}

export type PlaceResult = { ok: true; agency: { code: string; name: string } } | { ok: false; field: 'agencyCode' | 'provinceCode' | 'communeCode'; key: string };

const byLevel = (procedure: ProcedureRecord): SubmissionPlace =>
  procedure.levels.includes('commune') ? { kind: 'commune' } : procedure.levels.includes('province') ? { kind: 'province' } : { kind: 'none' };

export function createSubmissionPlaces(deps: Pick<CitizenPagesDeps, 'agencies' | 'directory'>) {
  async function existing(refs: ProcedureRecord['agencyRefs']): Promise<Array<{ code: string; name: string }>> {
    const found = new Map<string, { code: string; name: string }>();
    for (const ref of refs) {
      if (!ref.code || found.has(ref.code)) continue;
      const agency = await deps.directory.agency(ref.code).catch(() => null);
      if (agency) found.set(agency.code, { code: agency.code, name: agency.name });
    }
    return [...found.values()];
  }

  /** The People's Committee of the chosen unit (commune_pc, or province_pc with no commune). */
  async function committee(agencies: AgencyRegister, kind: 'commune_pc' | 'province_pc', provinceCode: string, communeCode: string | null): Promise<Agency | undefined> {
    const list = await agencies.listAgencies({ kind, provinceCode });
    return communeCode === null ? list[0] : list.find((a) => a.adminUnit?.communeCode === communeCode);
  }

  return {
    /** The implementing (or delegated) agencies; the competent one only when the record names no implementing one. */
    async placesFor(procedure: ProcedureRecord): Promise<SubmissionPlace> {
      const implementing = procedure.agencyRefs.filter((r) => r.role === 'implementing' || r.role === 'delegated');
      const refs = implementing.length > 0 ? implementing : procedure.agencyRefs.filter((r) => r.role === 'competent');
      const coded = await existing(refs);
      if (coded.length > 0) return { kind: 'agencies', agencies: coded };
      return deps.agencies ? byLevel(procedure) : { kind: 'none' };
    },

    /** The agency the person chose, or which answer is missing or wrong (a message key). */
    async resolve(place: SubmissionPlace, choice: PlaceChoice): Promise<PlaceResult> {
      switch (place.kind) {
        case 'agencies': {
          const agency = place.agencies.length === 1 ? place.agencies[0] : place.agencies.find((a) => a.code === choice.agencyCode);
          return agency ? { ok: true, agency } : { ok: false, field: 'agencyCode', key: 'dossiers.citizen.start.agencyRequired' };
        }
        case 'commune': {
          if (!/^\d{2}$/.test(choice.provinceCode)) return { ok: false, field: 'provinceCode', key: 'dossiers.citizen.start.provinceRequired' };
          if (!/^\d{5}$/.test(choice.communeCode)) return { ok: false, field: 'communeCode', key: 'dossiers.citizen.start.communeRequired' };
          const agency = deps.agencies && (await committee(deps.agencies, 'commune_pc', choice.provinceCode, choice.communeCode));
          return agency ? { ok: true, agency: { code: agency.code, name: agency.name } } : { ok: false, field: 'communeCode', key: 'dossiers.citizen.start.noAgencyThere' };
        }
        case 'province': {
          if (!/^\d{2}$/.test(choice.provinceCode)) return { ok: false, field: 'provinceCode', key: 'dossiers.citizen.start.provinceRequired' };
          const agency = deps.agencies && (await committee(deps.agencies, 'province_pc', choice.provinceCode, null));
          return agency ? { ok: true, agency: { code: agency.code, name: agency.name } } : { ok: false, field: 'provinceCode', key: 'dossiers.citizen.start.noAgencyThere' };
        }
        case 'none':
          return { ok: false, field: 'agencyCode', key: 'dossiers.citizen.start.noPlace' };
      }
    },
  };
}
