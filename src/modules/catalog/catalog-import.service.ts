import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { appendVersion, insertNewProcedures, loadHashes, type VersionInput } from './catalog.repo.ts';
import type { CatalogTables } from './catalog.tables.ts';
import type { ProcedureRecord } from './catalog.types.ts';
import { parseProcedureRecord } from './procedure-record.parser.ts';
import type { ParsedProcedure, ParseWarning } from './procedure.types.ts';

export interface ImportReport {
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  failed: Array<{ file: string; reason: string }>;
  warnings: Array<{ file: string; field: string; kind: string }>;
}

/** One record ready to store: parsed, with where it came from. */
export interface ImportItem {
  file: string;
  procedure: ParsedProcedure;
  warnings: ParseWarning[];
  ministryFolder: string | null;
  raw: unknown;
}

export type AgencyResolver = (name: string) => Promise<{ code: string; name: string } | null>;

export interface CatalogImportDeps {
  db: Kysely<CatalogTables>;
  resolveAgency: AgencyResolver;
  now: () => Date;
}

/** Imports procedure records: from a folder of scraped JSON files, or from already parsed items (the seed). */
export function createCatalogImportService(deps: CatalogImportDeps) {
  return {
    /**
     * Reads every *.json under `folder`, parses and stores each record. A file that cannot be read
     * or parsed is reported by name and the import goes on. Throws CATALOG_IMPORT_FOLDER_NOT_FOUND.
     */
    async importFolder(folder: string, options: { effectiveFrom?: Date } = {}): Promise<ImportReport> {
      const files = await listJsonFiles(folder);
      const report: ImportReport = { read: 0, imported: 0, updated: 0, unchanged: 0, failed: [], warnings: [] };
      const items: ImportItem[] = [];
      for (const file of files) {
        report.read++;
        const relative = path.relative(folder, file) || path.basename(file);
        const item = await readItem(file, relative, report);
        if (item) items.push(item);
      }
      return storeItems(deps, items, report, options.effectiveFrom ?? deps.now());
    },

    /** Stores parsed items (used to load the shipped seed). */
    async importItems(items: readonly ImportItem[], options: { effectiveFrom?: Date } = {}): Promise<ImportReport> {
      const report: ImportReport = { read: items.length, imported: 0, updated: 0, unchanged: 0, failed: [], warnings: [] };
      return storeItems(deps, items, report, options.effectiveFrom ?? deps.now());
    },
  };
}

export type CatalogImportService = ReturnType<typeof createCatalogImportService>;

async function readItem(file: string, relative: string, report: ImportReport): Promise<ImportItem | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    report.failed.push({ file: relative, reason: `not valid JSON: ${(err as Error).message}` });
    return null;
  }
  const outcome = parseProcedureRecord(raw, relative);
  if (!outcome.ok) {
    report.failed.push({ file: relative, reason: outcome.reason });
    return null;
  }
  const folder = path.basename(path.dirname(file));
  return {
    file: relative,
    procedure: outcome.procedure,
    warnings: outcome.warnings,
    ministryFolder: /^[a-z0-9-]+$/.test(folder) && folder !== '.' ? folder : null,
    raw,
  };
}

async function storeItems(deps: CatalogImportDeps, items: readonly ImportItem[], report: ImportReport, effectiveFrom: Date): Promise<ImportReport> {
  const hashes = await loadHashes(deps.db);
  const agencyCache = new Map<string, Promise<{ code: string; name: string } | null>>();
  const resolve = (name: string) => {
    let hit = agencyCache.get(name);
    if (!hit) agencyCache.set(name, (hit = deps.resolveAgency(name)));
    return hit;
  };
  const fresh: VersionInput[] = [];
  const changed: Array<{ input: VersionInput; previous: number }> = [];
  const seenInThisImport = new Map<string, string>();
  for (const item of items) {
    const firstFile = seenInThisImport.get(item.procedure.code);
    if (firstFile !== undefined) {
      report.failed.push({ file: item.file, reason: `duplicate procedure code ${item.procedure.code} (also in ${firstFile})` });
      continue;
    }
    seenInThisImport.set(item.procedure.code, item.file);
    const record = await toRecord(item, resolve);
    for (const w of record.warnings) report.warnings.push({ file: item.file, field: w.field, kind: w.kind });
    const hash = contentHash(record);
    const stored = hashes.get(record.code);
    const input: VersionInput = { record, hash, raw: item.raw, sourceFile: item.file, effectiveFrom };
    if (!stored) fresh.push(input);
    else if (stored.hash === hash) report.unchanged++;
    else changed.push({ input, previous: stored.version });
  }
  if (fresh.length > 0) {
    await deps.db.transaction().execute((tx) => insertNewProcedures(tx, fresh));
    report.imported += fresh.length;
  }
  // Each changed procedure is its own transaction: one bad row cannot undo the others.
  for (const { input, previous } of changed) {
    try {
      await deps.db.transaction().execute((tx) => appendVersion(tx, input, previous));
      report.updated++;
    } catch (err) {
      report.failed.push({ file: input.sourceFile ?? input.record.code, reason: `could not store: ${(err as Error).message}` });
    }
  }
  return report;
}

async function toRecord(item: ImportItem, resolve: (name: string) => Promise<{ code: string; name: string } | null>): Promise<ProcedureRecord> {
  const p = item.procedure;
  const agencyRefs: ProcedureRecord['agencyRefs'] = [];
  const warnings = [...item.warnings];
  for (const role of ['competent', 'implementing', 'delegated', 'coordinating'] as const) {
    for (const name of p.agencies[role]) {
      // A few scraped agency cells hold the next record's page header: not an agency.
      if (PAGE_HEADER_LEAK.test(name)) {
        warnings.push({ field: `agencies.${role}`, kind: 'agency_page_text', text: name });
        continue;
      }
      const hit = await resolve(name);
      agencyRefs.push({ role, code: hit?.code ?? null, name: hit?.name ?? name });
    }
  }
  return {
    ...p,
    version: 0,
    effectiveFrom: '',
    ministryFolder: item.ministryFolder,
    agencyRefs,
    warnings,
  };
}

const PAGE_HEADER_LEAK = /Tên thủ tục|Mã thủ tục|Số quyết định/;

/** Hash of what a citizen or a dossier depends on; bookkeeping fields are left out. */
function contentHash(record: ProcedureRecord): string {
  const { version: _v, effectiveFrom: _e, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

async function listJsonFiles(folder: string): Promise<string[]> {
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw new AppError('CATALOG_IMPORT_FOLDER_NOT_FOUND', `${folder} is not a folder`);
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.push(full);
    }
  };
  await walk(folder);
  return out;
}
