/**
 * Assurance levels of the national e-ID, as OpenDVC names them. These `acr` values are OpenDVC's own
 * (VNeID publishes "mức 1" and "mức 2" accounts under Decree 69/2024/NĐ-CP, not URNs): level 1 is an
 * account registered in the app with self-declared data checked remotely; level 2 was verified in
 * person against a chip ID card, and is the stronger one.
 */
export const EID_ASSURANCE_LEVELS = ['urn:vneid:loa:1', 'urn:vneid:loa:2'] as const;

export type EidAssuranceLevel = (typeof EID_ASSURANCE_LEVELS)[number];

export function isEidAssuranceLevel(value: unknown): value is EidAssuranceLevel {
  return typeof value === 'string' && (EID_ASSURANCE_LEVELS as readonly string[]).includes(value);
}

/** The rank of a level (1 or 2), or 0 for a value that is not one of ours. */
export function rankAssuranceLevel(acr: string | null | undefined): number {
  return isEidAssuranceLevel(acr) ? EID_ASSURANCE_LEVELS.indexOf(acr) + 1 : 0;
}

/** Whether a session's `acr` is at least the level a procedure demands (false for unknown values). */
export function meetsAssuranceLevel(acr: string | null | undefined, required: EidAssuranceLevel): boolean {
  return rankAssuranceLevel(acr) >= rankAssuranceLevel(required);
}

/**
 * Reads the level from what the upstream sent: our `acr` URNs, or DVCQG / VNeID style `loAs` / `IAL`
 * claims holding "1" or "2". Anything else is null, never a guess.
 */
export function normaliseAssuranceLevel(acr: unknown, fallback?: unknown): EidAssuranceLevel | null {
  if (isEidAssuranceLevel(acr)) return acr;
  const raw = typeof fallback === 'number' ? String(fallback) : typeof fallback === 'string' ? fallback.trim() : '';
  if (raw === '1' || raw === '2') return `urn:vneid:loa:${raw}`;
  return null;
}
