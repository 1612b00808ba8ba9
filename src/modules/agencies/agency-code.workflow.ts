/**
 * Electronic agency identifiers in the style of QCVN 102:2016/BTTTT: four dot-separated levels
 * written `L4.L3.L2.L1` (L1 = the ministry "Gnn" or province "Hpp"; L2 and L3 two digits; L4 three
 * digits; "00"/"000" = the level above). The codes OpenDVC assigns are DERIVED, not official: see
 * README. Pure: no I/O.
 */

export const AGENCY_CODE_SCHEME =
  'QCVN 102:2016-style L4.L3.L2.L1, derived by OpenDVC (not official): ministries 000.00.00.Gnn (Gnn = the most ' +
  'frequent KQ.Gnn result-code prefix of procedures they decide), their units 000.00.NN.Gnn and sub-units ' +
  '000.MM.NN.Gnn (numbered by name); central bodies without a derivable Gnn 000.00.00.Znn (Z = OpenDVC-local); ' +
  'provincial People\'s Committees 000.00.00.Hpp (pp = GSO province code); provincial agencies 000.00.SS.Hpp and their ' +
  'units 000.TT.SS.Hpp (SS, TT = fixed slot of the local kind); commune People\'s Committees NNN.00.00.Hpp ' +
  '(NNN = rank of the GSO commune code within the province).';

const CODE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

/** True for a well-formed four-level code such as 000.00.01.G12. */
export function isAgencyCode(code: string): boolean {
  return CODE.test(code);
}

const pad = (n: number, width: number) => {
  if (!Number.isInteger(n) || n < 1 || n >= 10 ** width) throw new Error(`Agency code number ${n} does not fit ${width} digits`);
  return String(n).padStart(width, '0');
};

/** "G12" → "000.00.00.G12". */
export function ministryCode(g: string): string {
  if (!/^G\d{2}$/.test(g)) throw new Error(`Not a ministry prefix: ${g}`);
  return `000.00.00.${g}`;
}

/** The n-th central body with no derivable ministry code: "000.00.00.Z01". */
export function fallbackTopCode(n: number): string {
  return `000.00.00.Z${pad(n, 2)}`;
}

/** "01" → "000.00.00.H01". */
export function provincePcCode(provinceCode: string): string {
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`Not a province code: ${provinceCode}`);
  return `000.00.00.H${provinceCode}`;
}

/** A provincial agency in slot `slot`: "000.00.SS.Hpp". */
export function provinceInstanceCode(provinceCode: string, slot: number): string {
  return `000.00.${pad(slot, 2)}.H${provincePcCode(provinceCode).slice(-2)}`;
}

/** The n-th commune People's Committee of a province: "NNN.00.00.Hpp". */
export function communePcCode(provinceCode: string, n: number): string {
  return `${pad(n, 3)}.00.00.H${provincePcCode(provinceCode).slice(-2)}`;
}

/** The n-th unit under `parent`: fills the first unused level from L2 towards L4. */
export function childCode(parent: string, n: number): string {
  const m = CODE.exec(parent);
  if (!m) throw new Error(`Not an agency code: ${parent}`);
  const [, l4, l3, l2, l1] = m as unknown as [string, string, string, string, string];
  if (l2 === '00') return `${l4}.${l3}.${pad(n, 2)}.${l1}`;
  if (l3 === '00') return `${l4}.${pad(n, 2)}.${l2}.${l1}`;
  if (l4 === '000') return `${pad(n, 3)}.${l3}.${l2}.${l1}`;
  throw new Error(`${parent} has no free level for a unit`);
}

/** The code one level up, or null for a top-level code. Follows the hierarchy of the code only. */
export function parentOfCode(code: string): string | null {
  const m = CODE.exec(code);
  if (!m) throw new Error(`Not an agency code: ${code}`);
  const [, l4, l3, l2, l1] = m as unknown as [string, string, string, string, string];
  if (l4 !== '000') return `000.${l3}.${l2}.${l1}`;
  if (l3 !== '00') return `000.00.${l2}.${l1}`;
  if (l2 !== '00') return `000.00.00.${l1}`;
  return null;
}
