import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/config/env.ts';

// The boundaries of STYLE.md, checked on every run: platform never imports modules, a module
// imports another only through its index.ts, modules form no cycle, and only env.ts reads process.env.
const SRC = path.join(ROOT_DIR, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return found.map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2])!));
}

const moduleOf = (file: string) => {
  const rel = path.relative(path.join(SRC, 'modules'), file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0]!;
};

const files = sourceFiles(SRC);

describe('architecture', () => {
  it('platform code never imports a module or the composition root', () => {
    const offenders = files
      .filter((f) => f.startsWith(path.join(SRC, 'platform')))
      .flatMap((f) => importsOf(f).filter((i) => i.startsWith(path.join(SRC, 'modules')) || i === path.join(SRC, 'app.ts')).map((i) => `${path.relative(SRC, f)} → ${path.relative(SRC, i)}`));
    expect(offenders).toEqual([]);
  });

  it('a module reaches another module only through its index.ts', () => {
    const offenders = files.flatMap((f) => {
      const own = moduleOf(f);
      if (!own) return [];
      return importsOf(f)
        .filter((i) => {
          const other = moduleOf(i);
          return other !== null && other !== own && i !== path.join(SRC, 'modules', other, 'index.ts');
        })
        .map((i) => `${path.relative(SRC, f)} → ${path.relative(SRC, i)}`);
    });
    expect(offenders).toEqual([]);
  });

  it('modules depend on each other without cycles', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      const own = moduleOf(f);
      if (!own) continue;
      for (const i of importsOf(f)) {
        const other = moduleOf(i);
        if (other && other !== own) edges.set(own, (edges.get(own) ?? new Set()).add(other));
      }
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (m: string, trail: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'visiting') {
        cycles.push([...trail, m].join(' → '));
        return;
      }
      state.set(m, 'visiting');
      for (const next of edges.get(m) ?? []) visit(next, [...trail, m]);
      state.set(m, 'done');
    };
    for (const m of edges.keys()) visit(m, []);
    expect(cycles).toEqual([]);
  });

  it('only src/config/env.ts reads process.env', () => {
    const readers = files.filter((f) => /process\.env\b/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(readers).toEqual(['config/env.ts']);
  });

  it('keeps source files under 400 lines', () => {
    const long = files.map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });
});
