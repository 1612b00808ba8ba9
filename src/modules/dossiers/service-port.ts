/** The dossier core's view of the service configuration: terms (durations, steps, documents), answers and prefill. */
import type { Channel } from './deadline.workflow.ts';
import type { ApplicantProfile, ServicePort, ServiceVersion } from './core/dossier-deps.ts';
import type { PersonDetails, ServiceTerms } from './core/dossier.types.ts';
import { prefillAnswers, type AddressAnswer } from './service-config/answers-form.workflow.ts';
import { validateAnswers, type CommuneLookup } from './service-config/answers-validate.workflow.ts';
import type { ServiceConfigService } from './service-config/service-config.service.ts';
import type { ServiceConfigVersion, ServiceDefinition } from './service-config/service-config.types.ts';
import { formatVietnamTime } from './working-time.workflow.ts';

export function termsOf(definition: ServiceDefinition): ServiceTerms {
  const durations: ServiceTerms['durations'] = {};
  for (const d of definition.durations) durations[d.channel as Channel] = d.duration;
  return {
    durations,
    steps: definition.steps.map((s) => ({ key: s.key, role: s.role, name: s.name })),
    supplementDays: definition.supplementDays,
    // A procedure with one case needs no choice: its documents apply whatever the case.
    documents: definition.documents.map((d) => ({ key: d.key, name: d.name, required: d.required, caseKey: definition.cases.length > 1 ? d.caseKey : null, maxFiles: d.maxFiles })),
  };
}

export function serviceVersionOf(stored: ServiceConfigVersion): ServiceVersion {
  return {
    id: stored.id,
    version: stored.version,
    catalogVersion: stored.catalogVersion,
    procedureCode: stored.procedureCode,
    procedureName: stored.definition.procedureName,
    agencyCode: stored.agencyCode,
    terms: termsOf(stored.definition),
    definition: stored.definition,
  };
}

const definitionOf = (version: ServiceVersion) => version.definition as ServiceDefinition;

/** The owner's details from the form's fields that say which profile value they hold. */
export function applicantFromAnswers(definition: ServiceDefinition, answers: Record<string, unknown>): Partial<PersonDetails> & { summary?: string | null } {
  const out: Partial<PersonDetails> & { summary?: string | null } = {};
  for (const field of definition.form) {
    if (field.kind === 'group') continue;
    const value = answers[field.key];
    if (value === undefined || value === null || value === '') continue;
    switch (field.prefill) {
      case 'fullName':
        out.fullName = String(value);
        break;
      case 'idNumber':
        out.idNumber = String(value);
        break;
      case 'dateOfBirth':
        out.dateOfBirth = String(value);
        break;
      case 'phone':
        out.phone = String(value);
        break;
      case 'email':
        out.email = String(value);
        break;
      case 'permanentAddress': {
        const a = value as AddressAnswer;
        out.address = { provinceCode: a.provinceCode ?? null, communeCode: a.communeCode ?? null, street: a.street ?? null };
        break;
      }
      default:
        if (field.key === 'request_summary') out.summary = String(value);
    }
  }
  return out;
}

/** Stored versions never change, so they are cached by id for the life of the process. */
export function createServicePort(configs: ServiceConfigService, units: () => Promise<CommuneLookup>, now: () => Date): ServicePort {
  const byId = new Map<string, Promise<ServiceVersion>>();
  return {
    async prepare() {
      await units();
    },
    async current(procedureCode, agencyCode) {
      const version = serviceVersionOf(await configs.current(procedureCode, agencyCode));
      if (!byId.has(version.id)) byId.set(version.id, Promise.resolve(version));
      return version;
    },
    byId(id) {
      let found = byId.get(id);
      if (!found) {
        found = configs.byId(id).then(serviceVersionOf);
        byId.set(id, found);
        found.catch(() => byId.delete(id));
      }
      return found;
    },
    async validateAnswers(version, answers, caseKey) {
      const checked = validateAnswers(definitionOf(version), answers, { caseKey, today: formatVietnamTime(now()).slice(0, 10), units: await units() });
      if (checked.ok) return { ok: true, answers: checked.answers as Record<string, unknown> };
      return { ok: false, errors: checked.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })) };
    },
    prefill(version, profile: ApplicantProfile) {
      return prefillAnswers(definitionOf(version), {
        fullName: profile.fullName,
        dateOfBirth: profile.dateOfBirth ?? null,
        sex: profile.sex ?? null,
        idNumber: profile.idNumber ?? null,
        phone: profile.phone ?? null,
        email: profile.email ?? null,
        permanentAddress: addressOf(profile.permanentAddress),
        currentAddress: addressOf(profile.currentAddress),
      }) as Record<string, unknown>;
    },
    applicantFrom: (version, answers) => applicantFromAnswers(definitionOf(version), answers),
  };
}

function addressOf(a: PersonDetails['address'] | undefined) {
  return a ? { provinceCode: a.provinceCode ?? null, communeCode: a.communeCode ?? null, street: a.street ?? null } : null;
}
