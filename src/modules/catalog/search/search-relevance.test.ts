import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../config/env.ts';
import { foldDiacritics } from '../../../platform/i18n/text.ts';
import { loadSeedSnapshot } from '../../../../test/support/catalog-snapshot.ts';
import type { CatalogSnapshot } from '../catalog-snapshot.service.ts';

interface RelevanceCase {
  query: string;
  expect: string[];
  kind: string;
}
const fixture = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/search-relevance.json'), 'utf8')) as {
  queries: RelevanceCase[];
  noMatchQueries: string[];
  suggestions: Array<{ query: string; expectContains: string }>;
};

let snapshot: CatalogSnapshot;
beforeAll(async () => {
  snapshot = await loadSeedSnapshot();
});

const top = (query: string, n = 5) => snapshot.engine.search(query, {}).hits.slice(0, n).map((i) => snapshot.procedures[i]!.code);

describe('search relevance over the shipped catalog', () => {
  it('has a real test set: at least 30 queries of every kind', () => {
    expect(fixture.queries.length).toBeGreaterThanOrEqual(30);
    for (const kind of ['exact', 'no_diacritics', 'typo', 'abbreviation', 'colloquial', 'english']) {
      expect(fixture.queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('every expected code is in the catalog', () => {
    for (const q of fixture.queries) for (const code of q.expect) expect(snapshot.byCode.has(code), `${q.query} → ${code}`).toBe(true);
  });

  it.each(fixture.queries.map((q) => [q.kind, q.query, q.expect] as const))('%s: "%s" has an expected procedure in the top 5', (_kind, query, expected) => {
    const found = top(query);
    expect(found.some((code) => expected.includes(code)), `top 5 for "${query}": ${found.join(', ')}`).toBe(true);
  });

  it.each(fixture.noMatchQueries)('"%s" finds nothing', (query) => {
    expect(snapshot.engine.search(query, {}).hits).toHaveLength(0);
  });

  it.each(fixture.suggestions.map((s) => [s.query, s.expectContains] as const))('suggests a correction for "%s"', (query, expected) => {
    const result = snapshot.engine.search(query, {});
    expect(result.suggestion).not.toBeNull();
    expect(foldDiacritics(result.suggestion!)).toContain(expected);
  });
});

describe('search behaviour', () => {
  it('ignores diacritics, including đ', () => {
    expect(top('dang ky khai sinh', 3)).toEqual(top('Đăng ký khai sinh', 3));
  });

  it('restores the Vietnamese marks in its suggestion', () => {
    expect(snapshot.engine.search('giay phep lai xw', {}).suggestion).toBe('giấy phép lái xe');
  });

  it('ranks a procedure whose name is the query first', () => {
    const name = snapshot.procedures[snapshot.byCode.get('1.000894')!]!.name;
    expect(top(name, 1)).toEqual(['1.000894']);
  });

  it('goes straight to a procedure typed by its code', () => {
    expect(top('1.001193', 5)).toEqual(['1.001193']);
  });

  it('lists everything by name for an empty query and applies filters', () => {
    const all = snapshot.engine.search('', {});
    expect(all.hits).toHaveLength(snapshot.procedures.length);
    const online = snapshot.engine.search('', { online: true });
    expect(online.hits.length).toBeGreaterThan(0);
    expect(online.hits.length).toBeLessThan(all.hits.length);
    for (const i of online.hits) expect(snapshot.summaries[i]!.online).toBe(true);
  });

  it('treats script and SQL in a query as plain words', () => {
    expect(() => snapshot.engine.search("<script>alert(1)</script>' OR 1=1 --", {})).not.toThrow();
    expect(() => snapshot.engine.search('a'.repeat(10_000), {})).not.toThrow();
  });
});
