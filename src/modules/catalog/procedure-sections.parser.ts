// Re-cuts the lower half of the page text (raw_text) into its sections.
//
// The scraper cut the page at the first occurrence of each section label anywhere in the text,
// so a label quoted inside another section ("mục 9.3 (Thành phần hồ sơ)" in the steps,
// "(Căn cứ pháp lý: …)" in a fee note, "Cơ quan thực hiện chứng thực …" in the steps) truncates
// one field and pads the next. Here each label is searched only after the previous section
// starts, and the labels that open a table are anchored on the table's header row.

export type SectionField =
  | 'trinh_tu_thuc_hien'
  | 'cach_thuc_thuc_hien'
  | 'thanh_phan_ho_so'
  | 'can_cu_phap_ly'
  | 'co_quan_thuc_hien'
  | 'yeu_cau_dieu_kien'
  | 'ket_qua_xu_ly';

export type RawSections = Record<SectionField, string>;

interface Cut {
  field: SectionField;
  start: number; // where the label starts
  body: number; // where the content starts
}

function findFrom(text: string, pattern: RegExp, from: number): { index: number; end: number } | null {
  const re = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { index: m.index, end: m.index + m[0].length } : null;
}

function findLast(text: string, label: string, from: number, to: number): number {
  const i = text.lastIndexOf(label, to - label.length);
  return i >= from ? i : -1;
}

/** Returns null when the page text does not have the expected section layout. */
export function splitRawSections(rawText: string): RawSections | null {
  const text = rawText.normalize('NFC');
  const related = text.indexOf('Thủ tục hành chính liên quan');
  const steps = findFrom(text, /Trình Tự Thực Hiện/u, Math.max(related, 0));
  if (!steps) return null;
  const channels = findFrom(text, /Cách Thức Thực Hiện(?=\s*Hình thức nộp)/u, steps.end);
  if (!channels) return null;
  const legal = findFrom(text, /Căn cứ pháp lý(?=\s*(?:Tên văn bản pháp lý|Không có thông tin))/u, channels.end);
  if (!legal) return null;
  const docs = findFrom(text, /Thành phần hồ sơ/u, channels.end);
  if (!docs || docs.index > legal.index) return null;
  const agency = findFrom(text, /Cơ quan thực hiện/u, legal.end);
  if (!agency) return null;
  const conditions = findFrom(text, /Yêu cầu, điều kiện thực hiện/u, agency.end);
  if (!conditions) return null;
  // Result names never contain the label, but free-text conditions might: take the last one.
  const resultsAt = findLast(text, 'Kết quả xử lý', conditions.end, text.length);
  const cuts: Cut[] = [
    { field: 'trinh_tu_thuc_hien', start: steps.index, body: steps.end },
    { field: 'cach_thuc_thuc_hien', start: channels.index, body: channels.end },
    { field: 'thanh_phan_ho_so', start: docs.index, body: docs.end },
    { field: 'can_cu_phap_ly', start: legal.index, body: legal.end },
    { field: 'co_quan_thuc_hien', start: agency.index, body: agency.end },
    { field: 'yeu_cau_dieu_kien', start: conditions.index, body: conditions.end },
  ];
  if (resultsAt >= 0) {
    cuts.push({ field: 'ket_qua_xu_ly', start: resultsAt, body: resultsAt + 'Kết quả xử lý'.length });
  }
  const out: RawSections = {
    trinh_tu_thuc_hien: '',
    cach_thuc_thuc_hien: '',
    thanh_phan_ho_so: '',
    can_cu_phap_ly: '',
    co_quan_thuc_hien: '',
    yeu_cau_dieu_kien: '',
    ket_qua_xu_ly: '',
  };
  cuts.forEach((cut, i) => {
    const next = cuts[i + 1];
    out[cut.field] = text.slice(cut.body, next ? next.start : text.length);
  });
  return out;
}

/** Whitespace-insensitive equality: the scraper trimmed and re-spaced some cells. */
export function sameText(a: string, b: string): boolean {
  const squash = (s: string): string => s.normalize('NFC').replace(/\s+/gu, '');
  return squash(a) === squash(b);
}

/** Reads one top-of-page field ("Mã thủ tục1.000232Số quyết định…") from the page text. */
export function headerValue(rawText: string, label: string, nextLabel: string): string | null {
  const text = rawText.normalize('NFC');
  const i = text.indexOf(label);
  if (i < 0) return null;
  const j = text.indexOf(nextLabel, i + label.length);
  if (j < 0) return null;
  return text.slice(i + label.length, j).trim();
}
