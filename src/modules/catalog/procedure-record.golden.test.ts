import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProcedureRecord } from './procedure-record.parser.ts';

// Hand-checked against each record's raw_text (the whole page); see test/fixtures/procedures.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/procedures');
const files = fs.readdirSync(path.join(FIXTURES, 'raw')).filter((f) => f.endsWith('.json')).sort();

describe('procedure record golden files', () => {
  it('has at least 12 fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)('%s parses to its golden output', (file) => {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'raw', file), 'utf8'));
    const golden: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'golden', file), 'utf8'));
    expect(parseProcedureRecord(raw, file)).toEqual(golden);
  });
});
