/** A stored version as the admin pages show it (labels stay bilingual; templates pick the language). */
import type { ServiceConfigVersion } from '../../service-config/service-config.types.ts';
import type { VersionSummary } from '../../service-config/service-config.service.ts';
import { formatVietnamTime } from '../../working-time.workflow.ts';

/** "2026-03-03 09:00", Vietnam time. */
const shown = (at: Date) => formatVietnamTime(at).slice(0, 16).replace('T', ' ');

export function detailView(current: ServiceConfigVersion, history: readonly VersionSummary[]) {
  const d = current.definition;
  const fields = d.form.flatMap((f) => {
    const row = { key: f.key, label: f.label, kind: f.kind, required: f.kind === 'group' ? f.minItems > 0 : f.required, prefill: f.kind === 'group' ? null : (f.prefill ?? null), showIf: f.showIf ?? null, depth: 0 };
    if (f.kind !== 'group') return [row];
    return [row, ...f.fields.map((c) => ({ key: `${f.key}[].${c.key}`, label: c.label, kind: c.kind, required: c.required, prefill: null, showIf: c.showIf ?? null, depth: 1 }))];
  });
  return {
    current,
    createdAt: shown(current.createdAt),
    fields,
    cases: d.cases.map((c) => ({ ...c, documents: d.documents.filter((doc) => doc.caseKey === c.key) })),
    fees: d.fees,
    durations: d.durations,
    steps: d.steps,
    totalHours: d.steps.reduce((n, s) => n + s.budgetHours, 0),
    history: history.map((h) => ({ ...h, createdAt: shown(h.createdAt) })),
  };
}
