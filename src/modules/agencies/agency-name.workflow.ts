/**
 * Pure rules for agency names as they appear in procedure records: cleaning, the comparison key,
 * splitting comma-separated lists and peeling off roles ("Chủ tịch …") and parent qualifiers
 * ("… - Bộ Tài chính"). No I/O.
 */

const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

// Abbreviations seen in the national procedure database, written out in full. Order matters:
// longer forms first.
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<!\p{L})Bộ NN ?(?:và|&) ?MT(?!\p{L})/gu, 'Bộ Nông nghiệp và Môi trường'],
  [/(?<!\p{L})NN ?(?:và|&) ?MT(?!\p{L})/gu, 'Nông nghiệp và Môi trường'],
  [/(?<!\p{L})UBND(?!\p{L})/gu, 'Ủy ban nhân dân'],
  [/(?<!\p{L})HĐND(?!\p{L})/gu, 'Hội đồng nhân dân'],
  [/(?<!\p{L})BHXH(?!\p{L})/gu, 'Bảo hiểm xã hội'],
  [/(?<!\p{L})QLDA(?!\p{L})/gu, 'Quản lý dự án'],
  [/(?<!\p{L})TTTT(?!\p{L})/gu, 'Thông tin và Truyền thông'],
  [/(?<!\p{L})T[Pp]\.? ?HCM(?!\p{L})/gu, 'Thành phố Hồ Chí Minh'],
  [/(?<!\p{L})T[Pp]\. ?(?=\p{Lu})/gu, 'Thành phố '],
  [/(?<!\p{L})T[Pp] (?=\p{Lu})/gu, 'Thành phố '],
  [/(?<!\p{L})VN(?!\p{L})/gu, 'Việt Nam'],
];

/**
 * Cleans one agency name for display and storage: NFC, no-break and repeated spaces collapsed,
 * trailing punctuation and the scraper's "_old" marker removed, dash spacing unified, common
 * abbreviations (UBND, BHXH, "Bộ NN và MT", "TP.", "VN") written out. Case is kept.
 */
export function normaliseAgencyName(raw: string): string {
  let s = raw.normalize('NFC').replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/g, ' ').trim();
  s = s.replace(/_old$/i, '');
  s = s.replace(/[\s.,;:]+$/u, '');
  // "VN- Bộ", "y tế-Bộ", "xuất- Khu": one spaced dash between words.
  s = s.replace(/(?<=\p{L}|\))\s*[-–]\s*(?=\p{L})/gu, (m) => (m.trim() === m ? m : ' - '));
  s = s.replace(/(?<=\p{L})[-–](?=\p{Lu})/gu, ' - ');
  s = s.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  s = s.replace(/\s*\/\s*/g, '/');
  for (const [pattern, replacement] of ABBREVIATIONS) s = s.replace(pattern, replacement);
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Moves the tone mark of a word-final "oa", "oe", "uy" to the first vowel ("hoá" → "hóa",
 * "thuỷ" → "thủy", "Uỷ" → "Ủy"), the placement the national database mostly uses. "quý" keeps
 * its mark on y because "qu" is a consonant.
 */
export function unifyTonePlacement(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      const oa = new RegExp(`^(.*?)([oO])([aAeE])([${TONE_MARKS}])$`, 'u').exec(word);
      if (oa) return `${oa[1]}${oa[2]}${oa[4]}${oa[3]}`;
      const uy = new RegExp(`^(.*?)([uU])([yY])([${TONE_MARKS}])$`, 'u').exec(word);
      if (uy && !/[qQ]$/.test(uy[1] ?? '')) return `${uy[1]}${uy[2]}${uy[4]}${uy[3]}`;
      return word;
    })
    .normalize('NFC');
}

/**
 * The comparison key of an agency name: normalised, lower-case, tone placement unified,
 * acronym and "(… cũ)" parentheses dropped, punctuation removed, whitespace collapsed.
 * "Cục quản lý xuất nhập cảnh." and "Cục Quản lý  xuất nhập cảnh" share one key.
 */
export function agencyKey(name: string): string {
  let s = normaliseAgencyName(name);
  // "(NVICC)", "(VRQC)" are short names; "(Giao thông vận tải cũ)" notes a former name.
  s = s.replace(/\(\s*[\p{Lu}0-9]{2,10}\s*\)/gu, ' ').replace(/\([^()]*\bcũ\s*\)/gu, ' ');
  s = unifyTonePlacement(s.toLowerCase());
  s = s.replace(/[.,;:/\\\-–&"“”'’]/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** The acronym given in parentheses after a name, e.g. "(NVICC)" → "NVICC". */
export function extractShortName(name: string): string | undefined {
  const m = /\(([A-ZĐ0-9]{2,10})\)/u.exec(name);
  return m?.[1];
}

// Words that start an agency name. A comma followed by anything else is inside a name
// ("Cục … về trật tự, xã hội", "Sở Tài chính các tỉnh, thành phố", "Bộ Văn hóa, Thể thao và Du lịch").
const HEAD_WORDS = [
  'bộ', 'cục', 'tổng cục', 'vụ', 'sở', 'công an', 'chi cục', 'chi nhánh', 'ủy ban', 'uỷ ban', 'ubnd', 'chủ tịch',
  'phòng', 'trung tâm', 'văn phòng', 'thuế', 'hải quan', 'cảng vụ', 'ban', 'bảo hiểm', 'kho bạc', 'thủ tướng',
  'chính phủ', 'quốc hội', 'cơ quan', 'cơ sở', 'tổ chức', 'đơn vị', 'khu', 'biên phòng', 'hội đồng', 'ngân hàng',
  'quỹ', 'tổng công ty', 'giám đốc', 'người đứng đầu', 'lãnh đạo', 'thi hành án', 'tòa án', 'toà án', 'thanh tra',
  'các', 'doanh nghiệp', 'công đoàn',
];

function startsWithHeadWord(fragment: string): boolean {
  const first = fragment.charAt(0);
  if (first === '' || first === first.toLowerCase()) return false;
  const lower = fragment.normalize('NFC').toLowerCase();
  return HEAD_WORDS.some((w) => lower === w || lower.startsWith(`${w} `));
}

/** The placeholder the national database uses for "none". */
export const NO_INFORMATION = 'Không có thông tin';

/**
 * Splits a procedure record's agency field into agency names. Commas inside parentheses never
 * split; a comma splits only when the next part starts like an agency name ("Cục", "Sở", …).
 * Returns normalised names; empty for "" and "Không có thông tin".
 */
export function splitAgencyList(field: string | null | undefined): string[] {
  // Some records carry the next page section after the field ("…Tên thủ tục…Mã thủ tục…").
  const text = (field ?? '').normalize('NFC').split(/Tên thủ tục/u)[0]?.trim() ?? '';
  if (text === '' || normaliseAgencyName(text) === NO_INFORMATION) return [];
  // A field that is a leaked sentence stays whole, so it is reported once as noise.
  if (isNoiseAgencyText(text)) return [text.replace(/\s+/g, ' ').trim()];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const names: string[] = [];
  let pendingBare = false; // "Bộ, Cơ quan ngang Bộ": a lone "Bộ" belongs to what follows.
  for (const raw of parts) {
    const part = raw.replace(/[\s\u00a0]+/g, ' ').trim();
    if (part === '') continue;
    const last = names.length - 1;
    if (last >= 0 && (pendingBare || !startsWithHeadWord(part))) {
      names[last] = `${names[last]}, ${part}`;
    } else names.push(part);
    pendingBare = part === 'Bộ';
  }
  return names.map(normaliseAgencyName).filter((n) => n !== '' && n !== NO_INFORMATION);
}

/**
 * True for text that leaked into an agency field from elsewhere on the page (a sentence, the
 * next record's header), not a name.
 */
export function isNoiseAgencyText(name: string): boolean {
  const first = name.charAt(0);
  return first === '' || first !== first.toUpperCase() || /\n|Tên thủ tục|Mã thủ tục/u.test(name);
}

// Roles in front of a body: the decision is the body's, so the role is dropped for resolution.
const ROLE_PREFIX =
  /^(?:Chủ tịch|Giám đốc|Lãnh đạo|Bộ trưởng|Người đứng đầu|Bộ phận Một cửa|Văn phòng)\s+(?=(?:Ủy ban|Uỷ ban|ủy ban|uỷ ban|Sở|Bộ|Trung tâm|cơ quan|Cục)(?:\s|$))/u;

export interface AgencyMention {
  /** The body named, without role or parent qualifier, normalised. */
  body: string;
  /** "Chủ tịch", "Giám đốc", … when the text names a post of the body. */
  role?: string;
  /** "Bộ Tài chính" from "Cục Hải quan - Bộ Tài chính", "Cục Thuế" from "Chi cục … - Cục Thuế". */
  parentHint?: string;
}

/** Separates role, body and parent qualifier of one agency name. */
export function parseAgencyMention(name: string): AgencyMention {
  let body = normaliseAgencyName(name);
  const mention: AgencyMention = { body };
  const role = ROLE_PREFIX.exec(body);
  if (role) {
    mention.role = role[0].trim();
    body = body.slice(role[0].length);
  }
  const dash = body.lastIndexOf(' - ');
  if (dash > 0) {
    const suffix = body.slice(dash + 3);
    if (/^(?:Bộ|Cục|bộ)\s/u.test(suffix) && !/^Bộ (?:phận|trưởng)\b/u.test(suffix)) {
      mention.parentHint = suffix;
      body = body.slice(0, dash);
    }
  }
  mention.body = body.replace(/\s*\(\s*[^()]*\bcũ\s*\)\s*$/u, '').trim();
  return mention;
}
