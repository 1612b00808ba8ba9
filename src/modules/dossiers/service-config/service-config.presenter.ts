/** Stored versions as the API shows them. */
import type { ServiceConfigView, VersionSummary } from './service-config.service.ts';
import type { DocumentRequirement, ServiceDefinition } from './service-config.types.ts';

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

/** The documents of one case, in the catalog's order. */
export function documentsFor(definition: ServiceDefinition, caseKey: string): DocumentRequirement[] {
  return definition.documents.filter((d) => d.caseKey === caseKey);
}
