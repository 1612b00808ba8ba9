/**
 * Typo correction over the catalog's own vocabulary (symmetric-delete candidates, Damerau
 * distance 1), choosing between candidates by how common they are and whether they form a
 * word pair that really occurs next to the neighbouring query words ("lai xw" → "lai xe").
 */
export interface Speller {
  has(word: string): boolean;
  correct(tokens: readonly string[]): { tokens: string[]; changed: boolean; unknown: string[] };
}

export function createSpeller(frequency: ReadonlyMap<string, number>, bigrams: ReadonlySet<string>): Speller {
  const deletes = new Map<string, string[]>();
  const addDelete = (key: string, word: string) => {
    const list = deletes.get(key);
    if (list) list.push(word);
    else deletes.set(key, [word]);
  };
  for (const word of frequency.keys()) {
    if (word.length < 2 || /^\d+$/.test(word)) continue;
    addDelete(word, word);
    for (const d of oneDeletes(word)) addDelete(d, word);
  }

  const candidatesOf = (token: string): string[] => {
    const found = new Set<string>();
    for (const key of [token, ...oneDeletes(token)]) {
      for (const w of deletes.get(key) ?? []) if (w !== token && damerauWithinOne(token, w)) found.add(w);
    }
    return [...found];
  };

  return {
    has: (word) => frequency.has(word),
    correct(tokens) {
      const out = [...tokens];
      const unknown: string[] = [];
      let changed = false;
      out.forEach((token, i) => {
        if (frequency.has(token) || /^\d+$/.test(token) || token.length < 2) return;
        const candidates = candidatesOf(token);
        if (candidates.length === 0) {
          unknown.push(token);
          return;
        }
        const prev = i > 0 ? out[i - 1] : undefined;
        const next = tokens[i + 1];
        let best = candidates[0]!;
        let bestScore = -Infinity;
        for (const c of candidates) {
          let score = Math.log1p(frequency.get(c) ?? 0);
          if (prev && bigrams.has(`${prev} ${c}`)) score += 4;
          if (next && bigrams.has(`${c} ${next}`)) score += 4;
          // Same first letter: people rarely mistype the start of a word.
          if (c[0] === token[0]) score += 1;
          if (score > bestScore || (score === bestScore && c < best)) {
            best = c;
            bestScore = score;
          }
        }
        out[i] = best;
        changed = true;
      });
      return { tokens: out, changed, unknown };
    },
  };
}

function oneDeletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by one insertion, deletion, substitution or adjacent swap. */
export function damerauWithinOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
