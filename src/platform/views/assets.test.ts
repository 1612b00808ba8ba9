import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCss, CSS_OUTPUT } from '../../../scripts/build-css.ts';

describe('committed stylesheet', () => {
  it('is what assets/scss/opendvc.scss compiles to (run `npx tsx scripts/build-css.ts` if not)', () => {
    const committed = fs.readFileSync(CSS_OUTPUT, 'utf8');
    expect(committed === compileCss(), 'assets/dist/opendvc.css is stale: run `npx tsx scripts/build-css.ts`').toBe(true);
  });

  it('carries the portal brand, not GOV.UK identity', () => {
    const css = fs.readFileSync(CSS_OUTPUT, 'utf8');
    expect(css).not.toContain('GDS Transport');
    expect(css).toContain('Be Vietnam Pro');
    expect(css).toContain('be-vietnam-pro-vietnamese-400-normal.woff2');
    expect(css).toContain('be-vietnam-pro-latin-700-normal.woff2');
    expect(css).toMatch(/--govuk-brand-colour:\s*#a3151c/);
  });
});
