import { foldDiacritics, words } from '../../../platform/i18n/text.ts';
import { buildInvertedIndex, type InvertedIndex, type TermPostings } from './inverted-index.engine.ts';
import { createPlanner, dictionaryWords, type Clause, type QueryPlan, type SynonymDictionary } from './query.planner.ts';
import { createSpeller } from './speller.engine.ts';

/** What the engine needs of a procedure: searchable text and the values behind the facets. */
export interface SearchableProcedure {
  readonly code: string;
  readonly name: string;
  readonly sector: string;
  readonly sectorSlug: string | null;
  readonly levels: readonly string[];
  readonly agencySlugs: readonly string[];
  readonly online: boolean;
  readonly fee: 'free' | 'paid' | 'unknown';
  /** Result names, agency names, Q&A questions: matched with less weight than the name. */
  readonly results: string;
  readonly agencies: string;
  readonly questions: string;
}

export interface SearchableQuestion {
  readonly procedureIndex: number;
  readonly question: string;
  readonly answer: string;
}

export interface EngineFilters {
  sector?: string;
  level?: string;
  agency?: string;
  online?: boolean;
  fee?: 'free' | 'paid';
}

export interface EngineResult {
  /** Indexes into the procedure list, best first. */
  readonly hits: readonly number[];
  /** Hits before the filters: the base of the facet counts. */
  readonly unfiltered: readonly number[];
  readonly plan: QueryPlan | null;
  readonly suggestion: string | null;
  readonly questionHits: readonly number[];
}

const PROCEDURE_FIELDS = {
  name: { weight: 3, lengthNorm: 0.5 },
  code: { weight: 3, lengthNorm: 0 },
  sector: { weight: 0.8, lengthNorm: 0.3 },
  results: { weight: 0.8, lengthNorm: 0.5 },
  questions: { weight: 0.6, lengthNorm: 0.5 },
  agencies: { weight: 0.3, lengthNorm: 0.5 },
} as const;

/** Distinct queries whose ranking is kept (a few hundred kB at most). */
export const QUERY_CACHE_SIZE = 5000;

const QUESTION_FIELDS = { question: { weight: 2, lengthNorm: 0.5 }, answer: { weight: 0.3, lengthNorm: 0.5 } } as const;

export interface ProcedureSearchEngine {
  search(query: string, filters: EngineFilters): EngineResult;
}

/** Builds the ranked, typo-tolerant, synonym-aware search over the catalog held in memory. */
export function createProcedureSearchEngine(
  procedures: readonly SearchableProcedure[],
  questions: readonly SearchableQuestion[],
  dictionary: SynonymDictionary,
): ProcedureSearchEngine {
  const index = buildInvertedIndex(
    procedures.map((p) => ({ fields: { name: p.name, code: p.code, sector: p.sector, results: p.results, questions: p.questions, agencies: p.agencies } })),
    PROCEDURE_FIELDS,
  );
  const questionIndex = buildInvertedIndex(questions.map((q) => ({ fields: { question: q.question, answer: q.answer } })), QUESTION_FIELDS);
  const { frequency, bigrams, accents } = vocabularyOf(procedures, dictionary, index);
  const speller = createSpeller(frequency, bigrams);
  const planner = createPlanner(dictionary, speller);
  const byName = procedures.map((_, i) => i).sort((a, b) => procedures[a]!.name.localeCompare(procedures[b]!.name, 'vi'));
  const codeIndex = new Map(procedures.map((p, i) => [p.code, i]));
  const scratch = createScratch(procedures.length);
  // People ask the same few thousand things; a snapshot never changes, so ranked answers can be kept.
  const cache = new Map<string, { ranked: number[]; plan: QueryPlan; suggestion: string | null; questionHits: number[] }>();
  const questionScratch = createScratch(questions.length);

  const passes = (i: number, f: EngineFilters) => {
    const p = procedures[i]!;
    return (
      (f.sector === undefined || p.sectorSlug === f.sector) &&
      (f.level === undefined || p.levels.includes(f.level)) &&
      (f.agency === undefined || p.agencySlugs.includes(f.agency)) &&
      (f.online === undefined || p.online === f.online) &&
      (f.fee === undefined || p.fee === f.fee)
    );
  };

  return {
    search(query, filters) {
      const trimmed = query.trim();
      if (trimmed === '') {
        return { hits: byName.filter((i) => passes(i, filters)), unfiltered: byName, plan: null, suggestion: null, questionHits: [] };
      }
      // A national code typed as is ("1.001193") goes straight to its record.
      const direct = codeIndex.get(trimmed);
      if (direct !== undefined) {
        return { hits: passes(direct, filters) ? [direct] : [], unfiltered: [direct], plan: null, suggestion: null, questionHits: [] };
      }
      const key = trimmed.normalize('NFC').toLowerCase();
      let found = cache.get(key);
      if (found) {
        // Refresh its place: the map's order is the eviction order.
        cache.delete(key);
      } else {
        const plan = planner.plan(trimmed);
        const ranked = rank(index, plan, scratch);
        found = {
          ranked,
          plan,
          suggestion: plan.corrected ? restoreMarks(plan.tokens, accents) : null,
          questionHits: rank(questionIndex, plan, questionScratch).slice(0, 5),
        };
        if (cache.size >= QUERY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(key, found);
      const { ranked, plan, suggestion, questionHits } = found;
      return { hits: ranked.filter((i) => passes(i, filters)), unfiltered: ranked, plan, suggestion, questionHits };
    },
  };
}

/** Scratch buffers reused by every search of one engine (JavaScript runs one search at a time). */
interface Scratch {
  total: Float64Array;
  matched: Uint8Array;
  best: Float64Array;
  extra: Float64Array;
  phraseSum: Float64Array;
  phraseCount: Uint8Array;
  touched: Int32Array;
  seen: Uint8Array;
  bonus: Float64Array;
  pairCount: Uint8Array;
}

function createScratch(size: number): Scratch {
  return {
    total: new Float64Array(size),
    matched: new Uint8Array(size),
    best: new Float64Array(size),
    extra: new Float64Array(size),
    phraseSum: new Float64Array(size),
    phraseCount: new Uint8Array(size),
    touched: new Int32Array(size),
    seen: new Uint8Array(size),
    bonus: new Float64Array(size),
    pairCount: new Uint8Array(size),
  };
}

/** Scores every document against the plan's clauses and keeps those that satisfy enough of them. */
function rank(index: InvertedIndex, plan: QueryPlan, scratch: Scratch): number[] {
  const size = index.size;
  // A clause no document can satisfy (an English word known only to the dictionary, say) would
  // otherwise make every query that contains it return nothing.
  const clauses = plan.clauses.filter((c) => c.alternatives.some((alt) => alt.every((t) => index.postings(t) !== undefined)));
  if (clauses.length === 0 || size === 0) return [];
  const { total, matched, best, extra, seen, touched } = scratch;
  total.fill(0);
  matched.fill(0);
  for (const clause of clauses) {
    let touchedCount = 0;
    const note = (doc: number, score: number) => {
      if (seen[doc] === 0) {
        seen[doc] = 1;
        touched[touchedCount++] = doc;
        best[doc] = score;
        extra[doc] = 0;
      } else if (score > best[doc]!) {
        extra[doc]! += best[doc]!;
        best[doc] = score;
      } else extra[doc]! += score;
    };
    clause.alternatives.forEach((alternative, k) => {
      // The dictionary lists the likeliest meaning first.
      const decay = 1 / (1 + 0.35 * k);
      scoreAlternative(index, clause, alternative, decay, note, scratch);
    });
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      seen[doc] = 0;
      if (best[doc]! <= 0) continue;
      total[doc]! += (best[doc]! + 0.3 * extra[doc]!) * clause.weight;
      matched[doc]! += 1;
    }
  }
  // Everything the user asked for must be there, except in long queries where most of it will do.
  const needed = clauses.length <= 2 ? clauses.length : Math.ceil(clauses.length * 0.6);
  const { bonus, pairCount } = scratch;
  bonus.fill(1);
  pairCount.fill(0);
  // Query words side by side in the name: "giấy phép lái xe" over a name that scatters them.
  const words = plan.tokens;
  for (let i = 1; i < words.length; i++) {
    const docs = index.pairDocs(words[i - 1]!, words[i]!);
    if (!docs) continue;
    for (let k = 0; k < docs.length; k++) {
      bonus[docs[k]!]! *= 1.15;
      pairCount[docs[k]!]! += 1;
    }
  }
  const fullPhrase = ` ${words.join(' ')} `;
  const keys: number[] = [];
  for (let doc = 0; doc < size; doc++) {
    if (matched[doc]! < needed) continue;
    let score = total[doc]! * (0.5 + (0.5 * matched[doc]!) / clauses.length) * bonus[doc]!;
    // Only a name holding every word pair can hold the whole query as a phrase.
    if (words.length > 1 && pairCount[doc]! >= words.length - 1) {
      const name = index.foldedField(doc, 'name');
      if (name.includes(fullPhrase)) score *= name === fullPhrase ? 2.4 : 1.6;
    }
    keys.push(sortKey(score, doc));
  }
  // A numeric typed-array sort has no comparator calls: several times faster on long hit lists.
  const sorted = Float64Array.from(keys).sort();
  const hits = new Array<number>(sorted.length);
  for (let k = 0; k < sorted.length; k++) hits[k] = DOC_MASK - (sorted[sorted.length - 1 - k]! % DOC_SPACE);
  return hits;
}

const DOC_SPACE = 2 ** 21;
const DOC_MASK = DOC_SPACE - 1;

/**
 * Score (to 1/10,000) and document in one exactly representable number: the larger key is the
 * better hit, and of equal scores the earlier document. Holds for scores below ~4e5 and 2M documents.
 */
function sortKey(score: number, doc: number): number {
  return Math.min(Math.floor(score * 1e4), 2 ** 31) * DOC_SPACE + (DOC_MASK - doc);
}

function scoreAlternative(
  index: InvertedIndex,
  clause: Clause,
  tokens: readonly string[],
  decay: number,
  note: (doc: number, score: number) => void,
  scratch: Scratch,
): void {
  if (tokens.length === 1 || !clause.requireAll) {
    for (const token of tokens) {
      const postings = index.postings(token);
      if (!postings) continue;
      for (let k = 0; k < postings.docs.length; k++) note(postings.docs[k]!, postings.scores[k]! * decay);
    }
    return;
  }
  // A phrase from the dictionary counts only where all its words are present, and more where
  // they stand together in the name ("hộ chiếu" rather than "hộ kinh doanh ... chiếu").
  const lists = tokens.map((t) => index.postings(t));
  if (lists.some((l) => !l)) return;
  // Walk the rarest word's documents: only they can hold the whole phrase.
  const ordered = (lists as TermPostings[]).slice().sort((a, b) => a.docs.length - b.docs.length);
  const { phraseSum, phraseCount } = scratch;
  const rarest = ordered[0]!;
  for (let k = 0; k < rarest.docs.length; k++) {
    phraseSum[rarest.docs[k]!] = rarest.scores[k]!;
    phraseCount[rarest.docs[k]!] = 1;
  }
  for (let l = 1; l < ordered.length; l++) {
    const list = ordered[l]!;
    for (let k = 0; k < list.docs.length; k++) {
      const doc = list.docs[k]!;
      if (phraseCount[doc] === l) {
        phraseCount[doc] = l + 1;
        phraseSum[doc]! += list.scores[k]!;
      }
    }
  }
  const phrase = ` ${tokens.join(' ')} `;
  const n = tokens.length;
  for (let k = 0; k < rarest.docs.length; k++) {
    const doc = rarest.docs[k]!;
    const complete = phraseCount[doc] === n;
    phraseCount[doc] = 0;
    if (!complete) continue;
    // Longer phrases are stronger evidence, but an abbreviation written in the name ("TNHH") must
    // not lose to its spelled-out form just for having fewer words.
    let score = (phraseSum[doc]! / n) * (1 + 0.25 * (n - 1));
    if (index.foldedField(doc, 'name').includes(phrase)) score *= 1.5;
    note(doc, score * decay);
  }
}

interface Vocabulary {
  frequency: Map<string, number>;
  bigrams: Set<string>;
  /** folded word or pair → the marked spelling seen most often. */
  accents: Map<string, string>;
}

function vocabularyOf(procedures: readonly SearchableProcedure[], dictionary: SynonymDictionary, index: InvertedIndex): Vocabulary {
  const frequency = new Map(index.documentFrequency);
  for (const w of dictionaryWords(dictionary)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const bigrams = new Set<string>();
  const seen = new Map<string, Map<string, number>>();
  const note = (folded: string, marked: string) => {
    const m = seen.get(folded) ?? new Map<string, number>();
    m.set(marked, (m.get(marked) ?? 0) + 1);
    seen.set(folded, m);
  };
  for (const p of procedures) {
    const marked = words(p.name);
    const folded = marked.map((w) => foldDiacritics(w));
    folded.forEach((w, i) => {
      note(w, marked[i]!);
      if (i > 0) {
        bigrams.add(`${folded[i - 1]} ${w}`);
        note(`${folded[i - 1]} ${w}`, `${marked[i - 1]} ${marked[i]}`);
      }
    });
  }
  const accents = new Map<string, string>();
  for (const [folded, forms] of seen) accents.set(folded, [...forms].sort((a, b) => b[1] - a[1])[0]![0]);
  return { frequency, bigrams, accents };
}

/** Puts the Vietnamese marks back on a corrected query, using the catalog's own word pairs. */
function restoreMarks(tokens: readonly string[], accents: ReadonlyMap<string, string>): string {
  return tokens
    .map((t, i) => {
      const withPrev = i > 0 ? accents.get(`${tokens[i - 1]} ${t}`) : undefined;
      if (withPrev) return withPrev.split(' ')[1]!;
      const withNext = i + 1 < tokens.length ? accents.get(`${t} ${tokens[i + 1]}`) : undefined;
      if (withNext) return withNext.split(' ')[0]!;
      return accents.get(t) ?? t;
    })
    .join(' ');
}
