// Catalog search under load, against a hello-world route of the same server, in one run.
// Run by hand: npm run bench -- search   (goal, DESIGN.md §6: ≥ 10,000 req/s, p99 ≤ 10 ms, ≥ 0.25 of hello-world)
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/config/env.ts';
import { measure, printFigures, startBenchServer } from './bench-server.ts';

const fixture = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/search-relevance.json'), 'utf8')) as { queries: Array<{ query: string }> };
const queries = fixture.queries.map((q) => `/api/v1/procedures?q=${encodeURIComponent(q.query)}&limit=20`);
const filtered = fixture.queries.map((q, i) => `/api/v1/procedures?q=${encodeURIComponent(q.query)}&level=${['province', 'commune', 'ministry'][i % 3]}&online=true&offset=${(i % 3) * 20}`);
// Each request a real query plus a random word of the catalog: nothing can come from a cache.
const extraWords = ['cấp', 'đăng', 'ký', 'giấy', 'phép', 'xe', 'đất', 'nhà', 'thuế', 'hộ', 'kinh', 'doanh', 'lại', 'đổi', 'chứng', 'nhận', 'tỉnh', 'xã', 'điện', 'tử'];
const uniqueQueries = Array.from({ length: 20_000 }, (_, i) => {
  const q = `${fixture.queries[i % fixture.queries.length]!.query} ${extraWords[Math.floor(i / fixture.queries.length) % extraWords.length]} ${i}`;
  return `/api/v1/procedures?q=${encodeURIComponent(q)}&limit=20`;
});
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const server = await startBenchServer();
try {
  // Warm up the JIT and the connection pool before measuring.
  await measure('warm-up', server.base, [...queries, '/bench/hello'], { seconds: 3 });
  const hello = await measure('hello-world (baseline)', server.base, ['/bench/hello'], { seconds });
  const search = await measure(`search API, ${queries.length} real queries rotated`, server.base, queries, { seconds });
  const unique = await measure('search API, unique queries (no cache hits)', server.base, uniqueQueries, { seconds });
  const facets = await measure('search API with filters and paging', server.base, filtered, { seconds });
  const detail = await measure('procedure record API', server.base, ['/api/v1/procedures/3.000347', '/api/v1/procedures/1.001193', '/api/v1/procedures/2.001583'], { seconds });
  printFigures([hello, search, unique, facets, detail], hello);
} finally {
  await server.close();
}
