import { foldDiacritics, words } from '../../../platform/i18n/text.ts';

/**
 * A small in-memory ranked full-text index (BM25 over weighted fields) on diacritic-folded
 * words. The whole national catalog is a few thousand records, so holding it in memory keeps
 * a search under a millisecond; see docs/adr/0001-in-process-search-index.md.
 */
export interface IndexedDocument {
  readonly fields: Readonly<Record<string, string>>;
}

export interface FieldSpec {
  readonly weight: number;
  /** Length normalisation (BM25 b): 0 for fields whose length says nothing. */
  readonly lengthNorm: number;
}

export interface TermPostings {
  readonly docs: Int32Array;
  readonly scores: Float32Array;
}

const K1 = 1.2;

export interface InvertedIndex {
  readonly size: number;
  /** Folded words and how many documents hold each. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  postings(term: string): TermPostings | undefined;
  /** Folded tokens of a document's field, in order (for phrase checks). */
  foldedField(doc: number, field: string): string;
  /** Documents whose first field (the name) holds the two folded words side by side. */
  pairDocs(first: string, second: string): Int32Array | undefined;
}

export function buildInvertedIndex(docs: readonly IndexedDocument[], fields: Readonly<Record<string, FieldSpec>>): InvertedIndex {
  const fieldNames = Object.keys(fields);
  const folded: Array<Record<string, string[]>> = docs.map((d) => {
    const out: Record<string, string[]> = {};
    for (const f of fieldNames) out[f] = words(foldDiacritics(d.fields[f] ?? ''));
    return out;
  });
  const avgLength: Record<string, number> = {};
  for (const f of fieldNames) {
    const total = folded.reduce((sum, d) => sum + (d[f]?.length ?? 0), 0);
    avgLength[f] = Math.max(1, total / Math.max(1, docs.length));
  }
  // term -> doc -> weighted saturated term frequency
  const raw = new Map<string, Map<number, number>>();
  folded.forEach((doc, id) => {
    for (const f of fieldNames) {
      const tokens = doc[f] ?? [];
      if (tokens.length === 0) continue;
      const spec = fields[f]!;
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      const norm = 1 - spec.lengthNorm + (spec.lengthNorm * tokens.length) / avgLength[f]!;
      for (const [term, tf] of counts) {
        const saturated = (tf * (K1 + 1)) / (tf + K1 * norm);
        let byDoc = raw.get(term);
        if (!byDoc) raw.set(term, (byDoc = new Map()));
        byDoc.set(id, (byDoc.get(id) ?? 0) + spec.weight * saturated);
      }
    }
  });
  const n = docs.length;
  const postings = new Map<string, TermPostings>();
  const documentFrequency = new Map<string, number>();
  for (const [term, byDoc] of raw) {
    const df = byDoc.size;
    documentFrequency.set(term, df);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const ids = Int32Array.from(byDoc.keys());
    const scores = Float32Array.from(byDoc.values(), (s) => s * idf);
    postings.set(term, { docs: ids, scores });
  }
  const joined = folded.map((d) => {
    const out: Record<string, string> = {};
    for (const f of fieldNames) out[f] = ` ${(d[f] ?? []).join(' ')} `;
    return out;
  });
  const pairs = new Map<string, number[]>();
  const pairField = fieldNames[0]!;
  folded.forEach((doc, id) => {
    const tokens = doc[pairField] ?? [];
    const seen = new Set<string>();
    for (let i = 1; i < tokens.length; i++) {
      const key = `${tokens[i - 1]} ${tokens[i]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = pairs.get(key);
      if (list) list.push(id);
      else pairs.set(key, [id]);
    }
  });
  const pairPostings = new Map([...pairs].map(([k, v]) => [k, Int32Array.from(v)]));
  return {
    size: n,
    pairDocs: (first, second) => pairPostings.get(`${first} ${second}`),
    documentFrequency,
    postings: (term) => postings.get(term),
    foldedField: (doc, field) => joined[doc]?.[field] ?? '',
  };
}
