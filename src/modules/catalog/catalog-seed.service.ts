import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { cleanText } from '../../platform/i18n/text.ts';
import type { CatalogImportService, ImportItem, ImportReport } from './catalog-import.service.ts';
import { existingCodes, replaceLifeEvents, upsertQuestions } from './catalog.repo.ts';
import type { CatalogTables } from './catalog.tables.ts';
import type { SynonymDictionary } from './search/query.planner.ts';

/** Where the product's own catalog seed lives (built by scripts/build-catalog-seed.ts). */
export function catalogSeedDir(rootDir: string): string {
  return path.join(rootDir, 'db/seed/catalog');
}

interface Bilingual {
  vi: string;
  en: string;
}

interface SeedLifeEvent {
  slug: string;
  name: Bilingual;
  description: Bilingual;
  procedures: Array<{ code: string; note: Bilingual | null }>;
}

interface SeedQuestion {
  procedureCode: string;
  question: Bilingual;
  answer: Bilingual;
}

export async function readSynonyms(seedDir: string): Promise<SynonymDictionary> {
  const raw = JSON.parse(await fs.readFile(path.join(seedDir, 'search-synonyms.json'), 'utf8')) as Partial<SynonymDictionary>;
  return { abbreviations: raw.abbreviations ?? {}, english: raw.english ?? {}, phrases: raw.phrases ?? {} };
}

export async function readSeedItems(seedDir: string): Promise<ImportItem[]> {
  const gz = await fs.readFile(path.join(seedDir, 'procedures.json.gz'));
  const parsed = JSON.parse(gunzipSync(gz).toString('utf8')) as { items: Array<Omit<ImportItem, 'raw'>> };
  return parsed.items.map((i) => ({ ...i, raw: null }));
}

/**
 * Loads the shipped catalog (procedures, Q&A, life events). Idempotent: unchanged procedures stay
 * as they are, changed ones get a new version.
 */
export async function seedCatalog(
  db: Kysely<CatalogTables>,
  importer: CatalogImportService,
  seedDir: string,
): Promise<{ procedures: ImportReport; questions: number; lifeEvents: number }> {
  const procedures = await importer.importItems(await readSeedItems(seedDir));
  const questions = JSON.parse(await fs.readFile(path.join(seedDir, 'questions.json'), 'utf8')) as SeedQuestion[];
  const events = JSON.parse(await fs.readFile(path.join(seedDir, 'life-events.json'), 'utf8')) as SeedLifeEvent[];
  const known = await existingCodes(db, [...new Set([...questions.map((q) => q.procedureCode), ...events.flatMap((e) => e.procedures.map((p) => p.code))])]);
  const positions = new Map<string, number>();
  const questionRows = questions
    .filter((q) => known.has(q.procedureCode))
    .map((q) => {
      const position = positions.get(q.procedureCode) ?? 0;
      positions.set(q.procedureCode, position + 1);
      return {
        procedureCode: q.procedureCode,
        questionVi: cleanText(q.question.vi),
        answerVi: cleanText(q.answer.vi),
        questionEn: q.question.en ? cleanText(q.question.en) : null,
        answerEn: q.answer.en ? cleanText(q.answer.en) : null,
        position,
      };
    });
  const eventRows = events.map((e, position) => ({
    slug: e.slug,
    nameVi: cleanText(e.name.vi),
    nameEn: cleanText(e.name.en),
    descriptionVi: cleanText(e.description.vi),
    descriptionEn: cleanText(e.description.en),
    position,
    procedures: e.procedures
      .filter((p) => known.has(p.code))
      .map((p, k) => ({ code: p.code, position: k, noteVi: p.note ? cleanText(p.note.vi) : null, noteEn: p.note ? cleanText(p.note.en) : null })),
  }));
  await db.transaction().execute(async (tx) => {
    await upsertQuestions(tx, questionRows);
    await replaceLifeEvents(tx, eventRows);
  });
  return { procedures, questions: questionRows.length, lifeEvents: eventRows.length };
}
