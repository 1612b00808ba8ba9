/** Stored versions as the API shows them, and the terms the dossier workflow reads from a definition. */
import type { Channel, Duration } from '../deadline.workflow.ts';
import type { ServiceConfigView, VersionSummary } from './service-config.service.ts';
import type { DocumentRequirement, ServiceDefinition, StepRole } from './service-config.types.ts';

/** The API's view of a version (who edited it stays internal: it is an official's account id). */
export function presentService(v: ServiceConfigView) {
  return {
    id: v.id,
    procedureCode: v.procedureCode,
    agencyCode: v.agencyCode,
    version: v.version,
    catalogVersion: v.catalogVersion,
    origin: v.origin,
    createdAt: v.createdAt?.toISOString() ?? null,
    definition: v.definition,
  };
}

export function presentHistory(list: readonly VersionSummary[]) {
  return list.map((v) => ({ id: v.id, version: v.version, catalogVersion: v.catalogVersion, origin: v.origin, createdAt: v.createdAt.toISOString() }));
}

/** What the dossier workflow needs from a definition: durations by channel, steps, supplement days, documents. */
export interface ServiceTerms {
  durations: Partial<Record<Channel, Duration | null>>;
  steps: ReadonlyArray<{ key: string; role: StepRole; name: { vi: string; en: string }; budgetHours: number }>;
  supplementDays: number;
  documents: ReadonlyArray<{ key: string; name: string; required: boolean; caseKey: string; maxFiles: number; accept: DocumentRequirement['accept'] }>;
}

export function serviceTermsOf(definition: ServiceDefinition): ServiceTerms {
  return {
    durations: Object.fromEntries(definition.durations.map((d) => [d.channel, d.duration])),
    steps: definition.steps,
    supplementDays: definition.supplementDays,
    documents: definition.documents.map((d) => ({ key: d.key, name: d.name, required: d.required, caseKey: d.caseKey, maxFiles: d.maxFiles, accept: d.accept })),
  };
}

/** The documents of one case, in the catalog's order. */
export function documentsFor(definition: ServiceDefinition, caseKey: string): DocumentRequirement[] {
  return definition.documents.filter((d) => d.caseKey === caseKey);
}
