import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/config/env.ts';
import { buildSnapshot, type CatalogSnapshot } from '../../src/modules/catalog/catalog-snapshot.service.ts';
import { readSeedItems, readSynonyms } from '../../src/modules/catalog/catalog-seed.service.ts';
import type { ProcedureRecord } from '../../src/modules/catalog/catalog.types.ts';

const SEED_DIR = path.join(ROOT_DIR, 'db/seed/catalog');

/** The shipped catalog as an in-memory snapshot, without a database (agency names left as written). */
export async function loadSeedSnapshot(): Promise<CatalogSnapshot> {
  const items = await readSeedItems(SEED_DIR);
  const records: ProcedureRecord[] = items.map((i) => ({
    ...i.procedure,
    version: 1,
    effectiveFrom: '2026-01-01T00:00:00.000Z',
    ministryFolder: i.ministryFolder,
    agencyRefs: (['competent', 'implementing', 'delegated', 'coordinating'] as const).flatMap((role) =>
      i.procedure.agencies[role].map((name) => ({ role, code: null, name })),
    ),
    warnings: i.warnings,
  }));
  const questions = (JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'questions.json'), 'utf8')) as Array<{
    procedureCode: string;
    question: { vi: string; en: string };
    answer: { vi: string; en: string };
  }>).map((q, id) => ({ id, procedureCode: q.procedureCode, questionVi: q.question.vi, answerVi: q.answer.vi, questionEn: q.question.en, answerEn: q.answer.en }));
  return buildSnapshot(records, questions, [], await readSynonyms(SEED_DIR), new Date('2026-01-01T00:00:00Z'));
}
