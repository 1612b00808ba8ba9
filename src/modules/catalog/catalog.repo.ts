import { sql, type Kysely, type Transaction } from 'kysely';
import type { CatalogTables } from './catalog.tables.ts';
import type { ProcedureRecord } from './catalog.types.ts';

type Db = Kysely<CatalogTables>;
type Tx = Transaction<CatalogTables>;

export interface StoredHash {
  version: number;
  hash: string;
}

/** Current version and content hash of every procedure, to tell new, changed and unchanged apart. */
export async function loadHashes(db: Db): Promise<Map<string, StoredHash>> {
  const rows = await db.selectFrom('catalog_procedure').select(['code', 'current_version', 'content_hash']).execute();
  return new Map(rows.map((r) => [r.code, { version: r.current_version, hash: r.content_hash }]));
}

export interface VersionInput {
  record: ProcedureRecord;
  hash: string;
  raw: unknown;
  sourceFile: string | null;
  effectiveFrom: Date;
}

/** Inserts brand-new procedures (version 1) in bulk. */
export async function insertNewProcedures(tx: Tx, inputs: readonly VersionInput[]): Promise<void> {
  for (let start = 0; start < inputs.length; start += 250) {
    const chunk = inputs.slice(start, start + 250);
    await tx
      .insertInto('catalog_procedure')
      .values(chunk.map((i) => procedureRow(i, 1)))
      .execute();
    await tx
      .insertInto('catalog_procedure_version')
      .values(chunk.map((i) => versionRow(i, 1)))
      .execute();
  }
}

/** Closes the open version of a procedure and makes `input` its next version. */
export async function appendVersion(tx: Tx, input: VersionInput, previous: number): Promise<void> {
  const version = previous + 1;
  await tx
    .updateTable('catalog_procedure_version')
    .set({ effective_to: input.effectiveFrom })
    .where('code', '=', input.record.code)
    .where('effective_to', 'is', null)
    .execute();
  await tx.insertInto('catalog_procedure_version').values(versionRow(input, version)).execute();
  const { code: _code, ...changes } = procedureRow(input, version);
  await tx
    .updateTable('catalog_procedure')
    .set({ ...changes, updated_at: new Date() })
    .where('code', '=', input.record.code)
    .execute();
}

function procedureRow(input: VersionInput, version: number) {
  const r = input.record;
  return {
    code: r.code,
    current_version: version,
    name: r.name,
    sector: r.sector,
    levels: r.levels,
    online: r.channels.some((c) => c.channel === 'online'),
    record: JSON.stringify({ ...r, version, effectiveFrom: input.effectiveFrom.toISOString() }),
    content_hash: input.hash,
    ministry_folder: r.ministryFolder,
  };
}

function versionRow(input: VersionInput, version: number) {
  return {
    code: input.record.code,
    version,
    record: JSON.stringify({ ...input.record, version, effectiveFrom: input.effectiveFrom.toISOString() }),
    content_hash: input.hash,
    raw: input.raw === undefined || input.raw === null ? null : JSON.stringify(input.raw),
    source_file: input.sourceFile,
    effective_from: input.effectiveFrom,
    effective_to: null,
  };
}

export async function listCurrentRecords(db: Db): Promise<ProcedureRecord[]> {
  const rows = await db.selectFrom('catalog_procedure').select(['record', 'current_version', 'updated_at']).orderBy('code').execute();
  return rows.map((r) => r.record as ProcedureRecord);
}

export async function findVersion(db: Db, code: string, version: number): Promise<ProcedureRecord | null> {
  const row = await db
    .selectFrom('catalog_procedure_version')
    .select(['record', 'effective_from', 'effective_to'])
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (row.record as ProcedureRecord) : null;
}

export async function listVersions(db: Db, code: string) {
  return db
    .selectFrom('catalog_procedure_version')
    .select(['version', 'effective_from', 'effective_to', 'content_hash', 'source_file'])
    .where('code', '=', code)
    .orderBy('version')
    .execute();
}

export interface QuestionRow {
  id: number;
  procedureCode: string;
  questionVi: string;
  answerVi: string;
  questionEn: string | null;
  answerEn: string | null;
}

export async function listQuestions(db: Db): Promise<QuestionRow[]> {
  return db
    .selectFrom('catalog_question')
    .select([
      'id',
      'procedure_code as procedureCode',
      'question_vi as questionVi',
      'answer_vi as answerVi',
      'question_en as questionEn',
      'answer_en as answerEn',
    ])
    .orderBy('procedure_code')
    .orderBy('position')
    .execute();
}

export async function upsertQuestions(
  tx: Tx,
  rows: ReadonlyArray<{ procedureCode: string; questionVi: string; answerVi: string; questionEn: string | null; answerEn: string | null; position: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('catalog_question')
    .values(
      rows.map((r) => ({
        procedure_code: r.procedureCode,
        question_vi: r.questionVi,
        answer_vi: r.answerVi,
        question_en: r.questionEn,
        answer_en: r.answerEn,
        position: r.position,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['procedure_code', 'question_vi']).doUpdateSet({
        answer_vi: (eb) => eb.ref('excluded.answer_vi'),
        question_en: (eb) => eb.ref('excluded.question_en'),
        answer_en: (eb) => eb.ref('excluded.answer_en'),
        position: (eb) => eb.ref('excluded.position'),
      }),
    )
    .execute();
}

export interface LifeEventRow {
  slug: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  position: number;
  procedures: Array<{ code: string; position: number; noteVi: string | null; noteEn: string | null }>;
}

export async function replaceLifeEvents(tx: Tx, events: readonly LifeEventRow[]): Promise<void> {
  for (const e of events) {
    await tx
      .insertInto('catalog_life_event')
      .values({
        slug: e.slug,
        name_vi: e.nameVi,
        name_en: e.nameEn,
        description_vi: e.descriptionVi,
        description_en: e.descriptionEn,
        position: e.position,
      })
      .onConflict((oc) =>
        oc.column('slug').doUpdateSet({
          name_vi: e.nameVi,
          name_en: e.nameEn,
          description_vi: e.descriptionVi,
          description_en: e.descriptionEn,
          position: e.position,
        }),
      )
      .execute();
    await tx.deleteFrom('catalog_life_event_procedure').where('life_event_slug', '=', e.slug).execute();
    if (e.procedures.length > 0) {
      await tx
        .insertInto('catalog_life_event_procedure')
        .values(
          e.procedures.map((p) => ({
            life_event_slug: e.slug,
            procedure_code: p.code,
            position: p.position,
            note_vi: p.noteVi,
            note_en: p.noteEn,
          })),
        )
        .execute();
    }
  }
}

export async function listLifeEvents(db: Db): Promise<LifeEventRow[]> {
  const events = await db.selectFrom('catalog_life_event').selectAll().orderBy('position').execute();
  const links = await db.selectFrom('catalog_life_event_procedure').selectAll().orderBy('position').execute();
  return events.map((e) => ({
    slug: e.slug,
    nameVi: e.name_vi,
    nameEn: e.name_en,
    descriptionVi: e.description_vi,
    descriptionEn: e.description_en,
    position: e.position,
    procedures: links
      .filter((l) => l.life_event_slug === e.slug)
      .map((l) => ({ code: l.procedure_code, position: l.position, noteVi: l.note_vi, noteEn: l.note_en })),
  }));
}

export async function existingCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('catalog_procedure').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function countProcedures(db: Db): Promise<number> {
  const row = await db.selectFrom('catalog_procedure').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}
