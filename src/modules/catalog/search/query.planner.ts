import { foldDiacritics, words } from '../../../platform/i18n/text.ts';
import type { Speller } from './speller.engine.ts';

/** Query expansion data: abbreviations, English terms and everyday phrases → catalog wording. */
export interface SynonymDictionary {
  abbreviations: Record<string, string[]>;
  english: Record<string, string[]>;
  phrases: Record<string, string[]>;
}

/** One part of the query a document should satisfy: any of the alternatives (token sequences). */
export interface Clause {
  readonly alternatives: readonly (readonly string[])[];
  readonly weight: number;
  /** Set for clauses from expansion: a match needs every token of an alternative. */
  readonly requireAll: boolean;
}

export interface QueryPlan {
  readonly clauses: readonly Clause[];
  /** The folded query words after typo correction, stop words included. */
  readonly tokens: readonly string[];
  readonly corrected: boolean;
  readonly unknown: readonly string[];
}

// Words that carry no meaning for finding a procedure, so "tôi muốn làm hộ chiếu" does not demand
// that a record contain "tôi" and "muốn". Folding makes many Vietnamese words collide ("hộ"/"hồ",
// "căn"/"cần"), so a word typed with its marks is checked in that form, and only folded words
// that are unambiguous in the catalog are dropped when typed without marks.
const STOP_WORDS_MARKED = new Set([
  'tôi', 'muốn', 'làm', 'thế', 'nào', 'ở', 'đâu', 'gì', 'cho', 'của', 'và', 'với', 'các', 'những', 'xin',
  'hỏi', 'mình', 'em', 'cần', 'là', 'có', 'không', 'được', 'như', 'về', 'tại', 'phải', 'sao', 'mấy', 'thì', 'mà', 'nhé', 'ạ',
]);
const STOP_WORDS_FOLDED = new Set([
  'toi', 'muon', 'nao', 'lau', 'gi', 'xin', 'minh', 'em', 'la', 'nhu', 'sao', 'khong', 'thi', 'nhe',
  'the', 'to', 'of', 'for', 'in', 'my', 'how', 'do', 'i', 'get', 'apply', 'where', 'what', 'is', 'on', 'at', 'and', 'or', 'a', 'an',
]);
// Folded word pairs that only frame a question: "thủ tục", "hồ sơ", "như thế nào".
const STOP_PAIRS = new Set(['thu tuc', 'ho so', 'the nao', 'o dau', 'bao lau', 'lam sao', 'bao nhieu']);

function isStopWord(folded: string, marked: string | undefined): boolean {
  if (marked !== undefined && marked !== folded) return STOP_WORDS_MARKED.has(marked);
  return STOP_WORDS_FOLDED.has(folded) || (marked !== undefined && STOP_WORDS_MARKED.has(marked) && marked === folded);
}

export const MAX_QUERY_WORDS = 24;

export interface Planner {
  plan(query: string): QueryPlan;
}

/** The folded words of the dictionary's keys, which the speller must treat as known words. */
export function dictionaryWords(dictionary: SynonymDictionary): Set<string> {
  const out = new Set<string>();
  for (const group of [dictionary.abbreviations, dictionary.english, dictionary.phrases]) {
    for (const key of Object.keys(group)) for (const w of words(foldDiacritics(key))) out.add(w);
  }
  return out;
}

interface Expansion {
  readonly key: readonly string[];
  readonly phrases: readonly (readonly string[])[];
}

export function createPlanner(dictionary: SynonymDictionary, speller: Speller): Planner {
  const expansions = buildExpansions(dictionary);
  const maxKeyLength = Math.max(1, ...expansions.map((e) => e.key.length));
  const byFirstWord = new Map<string, Expansion[]>();
  for (const e of expansions) {
    const list = byFirstWord.get(e.key[0]!) ?? [];
    list.push(e);
    byFirstWord.set(e.key[0]!, list);
  }
  return {
    plan(query) {
      const marked = words(query.slice(0, 500)).slice(0, MAX_QUERY_WORDS);
      const rawTokens = marked.map((w) => foldDiacritics(w));
      const correction = speller.correct(rawTokens);
      const tokens = correction.tokens;
      const stop = tokens.map((t, k) => isStopWord(t, correction.tokens[k] === rawTokens[k] ? marked[k] : undefined));
      for (let k = 0; k + 1 < tokens.length; k++) {
        if (STOP_PAIRS.has(`${tokens[k]} ${tokens[k + 1]}`)) stop[k] = stop[k + 1] = true;
      }
      const clauses: Clause[] = [];
      let i = 0;
      while (i < tokens.length) {
        const match = longestExpansion(tokens, i, byFirstWord, maxKeyLength);
        if (match) {
          const own = match.key.filter((_, k) => !stop[i + k]);
          clauses.push({
            alternatives: [...match.phrases, ...(own.length ? [own] : [])],
            weight: 1.5,
            requireAll: true,
          });
          i += match.key.length;
          continue;
        }
        const token = tokens[i]!;
        if (!stop[i] && !correction.unknown.includes(token)) {
          clauses.push({ alternatives: [[token]], weight: 1, requireAll: false });
        }
        i++;
      }
      // A query made only of stop words ("thủ tục hồ sơ") still means those words.
      if (clauses.length === 0) {
        for (const t of tokens) if (!correction.unknown.includes(t)) clauses.push({ alternatives: [[t]], weight: 1, requireAll: false });
      }
      return { clauses, tokens, corrected: correction.changed, unknown: correction.unknown };
    },
  };
}

function buildExpansions(dictionary: SynonymDictionary): Expansion[] {
  const out = new Map<string, Expansion>();
  for (const group of [dictionary.abbreviations, dictionary.english, dictionary.phrases]) {
    for (const [key, targets] of Object.entries(group)) {
      const keyWords = words(foldDiacritics(key));
      if (keyWords.length === 0) continue;
      const id = keyWords.join(' ');
      const phrases = targets.map((t) => words(foldDiacritics(t))).filter((p) => p.length > 0);
      const existing = out.get(id);
      out.set(id, { key: keyWords, phrases: [...(existing?.phrases ?? []), ...phrases] });
    }
  }
  return [...out.values()];
}

function longestExpansion(
  tokens: readonly string[],
  start: number,
  byFirstWord: ReadonlyMap<string, Expansion[]>,
  maxKeyLength: number,
): Expansion | null {
  const candidates = byFirstWord.get(tokens[start]!);
  if (!candidates) return null;
  let best: Expansion | null = null;
  for (const e of candidates) {
    if (e.key.length > maxKeyLength || start + e.key.length > tokens.length) continue;
    if (e.key.every((w, k) => tokens[start + k] === w) && (!best || e.key.length > best.key.length)) best = e;
  }
  return best;
}
