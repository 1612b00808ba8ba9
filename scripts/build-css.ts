// Compiles assets/scss/opendvc.scss into the committed, minified assets/dist/opendvc.css.
// Run: npx tsx scripts/build-css.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sass from 'sass';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CSS_SOURCE = path.join(ROOT, 'assets/scss/opendvc.scss');
export const CSS_OUTPUT = path.join(ROOT, 'assets/dist/opendvc.css');

/** Compiles the stylesheet in memory; the same function the freshness test uses. */
export function compileCss(): string {
  const result = sass.compile(CSS_SOURCE, {
    style: 'compressed',
    loadPaths: [path.join(ROOT, 'node_modules')],
    // govuk-frontend's own deprecation notices are not ours to fix.
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  return `${result.css}\n`;
}

/** Writes assets/dist/opendvc.css; returns its size in bytes. */
export function buildCss(): number {
  const css = compileCss();
  fs.mkdirSync(path.dirname(CSS_OUTPUT), { recursive: true });
  fs.writeFileSync(CSS_OUTPUT, css);
  return Buffer.byteLength(css);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = buildCss();
  console.log(`${path.relative(ROOT, CSS_OUTPUT)}: ${(bytes / 1024).toFixed(1)} KiB`);
}
