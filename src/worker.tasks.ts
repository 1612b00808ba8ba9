import fs from 'node:fs';
import type { TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import { createSubscriptions, type Modules } from './app.ts';
import { createEventDispatcher, DISPATCH_TASK } from './platform/events/events.ts';
import type { ImportReport } from './modules/catalog/index.ts';

/** The jobs the worker runs, by name. Modules bring their handlers here. */
export function createWorkerTasks(db: Kysely<any>, modules: Modules, logger: Logger): TaskList {
  return {
    [DISPATCH_TASK]: createEventDispatcher(db, createSubscriptions(modules), logger),
    ...modules.notifications.tasks(),
    ...modules.dossiers.sync.tasks(),
    'catalog:import-folder': async (payload) => {
      const { folder, report: reportFile, effectiveFrom } = payload as { folder: string; report: string | null; effectiveFrom: string | null };
      const report = await modules.catalog.importer.importFolder(folder, { effectiveFrom: effectiveFrom ? new Date(effectiveFrom) : undefined });
      if (reportFile) fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      logger.info({ folder, read: report.read, imported: report.imported, updated: report.updated, unchanged: report.unchanged, failed: report.failed.length }, 'procedure import finished');
    },
  };
}

/** The human summary printed after an import. */
export function formatImportSummary(report: ImportReport, reportFile?: string): string {
  const kinds = new Map<string, number>();
  for (const w of report.warnings) kinds.set(`${w.field}/${w.kind}`, (kinds.get(`${w.field}/${w.kind}`) ?? 0) + 1);
  const lines = [
    `Read ${report.read} record files: ${report.imported} new, ${report.updated} updated (new version), ${report.unchanged} unchanged, ${report.failed.length} failed.`,
  ];
  for (const f of report.failed.slice(0, 20)) lines.push(`  failed  ${f.file}: ${f.reason}`);
  if (report.failed.length > 20) lines.push(`  … and ${report.failed.length - 20} more failures`);
  if (kinds.size > 0) {
    lines.push(`${report.warnings.length} warnings (parts kept raw for review):`);
    for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(6)}  ${kind}`);
  }
  if (reportFile) lines.push(`Full report: ${reportFile}`);
  return `${lines.join('\n')}\n`;
}
