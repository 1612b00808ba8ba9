import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/config/env.ts';

// Every govuk-frontend component a template uses must be compiled into the stylesheet, which
// includes only the components named in assets/scss/opendvc.scss.
function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? templates(full) : e.name.endsWith('.njk') ? [full] : [];
  });
}

describe('stylesheet covers the components the pages use', () => {
  it('compiles every govuk-frontend component imported by a template', () => {
    const used = new Set(templates(path.join(ROOT_DIR, 'src')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/govuk\/components\/([a-z-]+)\//g)].map((m) => m[1]!)));
    const scss = fs.readFileSync(path.join(ROOT_DIR, 'assets/scss/opendvc.scss'), 'utf8');
    const compiled = new Set([...scss.matchAll(/govuk\/components\/([a-z-]+)"/g)].map((m) => m[1]!));
    expect([...used].filter((c) => !compiled.has(c))).toEqual([]);
  });
});
