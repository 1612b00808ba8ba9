/**
 * Structure of the 12-digit personal identification number (số định danh cá nhân), as laid down in
 * Circular 59/2021/TT-BCA, Article 7: digits 1–3 the code of the province where the birth was
 * registered (its appendix; 63 pre-2025 provinces, numbers fixed for life so the 2025 merger of
 * provinces does not change them), digit 4 the century-and-sex code, digits 5–6 the last two digits
 * of the birth year, digits 7–12 random. Pure: no I/O, no clock.
 */

/** Birth-registration province codes of the Circular's appendix (001 Hà Nội … 096 Cà Mau). */
export const BIRTH_PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
    49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
  ].map((n) => String(n).padStart(3, '0')),
);

export type Sex = 'male' | 'female';

export type IdNumberProblem = 'format' | 'province' | 'birthYear' | 'sex';

export interface IdNumberFacts {
  readonly provinceCode: string;
  readonly sex: Sex;
  /** The full year of birth the number encodes. */
  readonly birthYear: number;
}

/**
 * Digit 4 by the Circular: an even digit is male, odd is female; 0/1 = 1900–1999, 2/3 = 2000–2099,
 * 4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399. (Not the 1800s: the Circular gives the 24th
 * century to 8/9.)
 */
export function centuryStart(code: number): number {
  return 1900 + Math.floor(code / 2) * 100;
}

/** What a structurally valid number says about its holder; null when the structure is wrong. */
export function readIdNumber(value: string): IdNumberFacts | null {
  if (!/^\d{12}$/.test(value)) return null;
  const provinceCode = value.slice(0, 3);
  if (!BIRTH_PROVINCE_CODES.has(provinceCode)) return null;
  const code = Number(value[3]);
  return { provinceCode, sex: code % 2 === 0 ? 'male' : 'female', birthYear: centuryStart(code) + Number(value.slice(4, 6)) };
}

/**
 * Checks a number's structure and, when given, its agreement with the date of birth (yyyy-mm-dd)
 * and sex. Returns the first problem, or null. `currentYear` bounds the birth year (no one is born
 * in the future).
 */
export function checkIdNumber(
  value: string,
  context: { dateOfBirth?: string | null; sex?: Sex | null; currentYear: number },
): IdNumberProblem | null {
  if (!/^\d{12}$/.test(value)) return 'format';
  if (!BIRTH_PROVINCE_CODES.has(value.slice(0, 3))) return 'province';
  const facts = readIdNumber(value)!;
  if (facts.birthYear > context.currentYear) return 'birthYear';
  if (context.dateOfBirth && Number(context.dateOfBirth.slice(0, 4)) !== facts.birthYear) return 'birthYear';
  if (context.sex && context.sex !== facts.sex) return 'sex';
  return null;
}
