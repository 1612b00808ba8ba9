/** What the dossier core needs from outside: the database, the calendar, the clock and the service configuration. */
import type { WorkingCalendar } from '../holiday-calendar.workflow.ts';
import type { Db } from './dossier.repo.ts';
import type { PersonDetails, ServiceTerms } from './dossier.types.ts';

/** One stored version of a service's configuration, as the core uses it. */
export interface ServiceVersion {
  id: string;
  version: number;
  catalogVersion: number;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  terms: ServiceTerms;
  /** The whole definition (form fields etc.), opaque to the core. */
  definition: unknown;
}

export interface FieldError {
  field: string;
  code: string;
  message: { vi: string; en: string };
}

export interface ServicePort {
  /** Loads what answer checks read (the administrative units), so that later checks need no database. */
  prepare(): Promise<void>;
  current(procedureCode: string, agencyCode: string): Promise<ServiceVersion>;
  byId(id: string): Promise<ServiceVersion>;
  validateAnswers(
    version: ServiceVersion,
    answers: Record<string, unknown>,
    caseKey: string | null,
  ): Promise<{ ok: true; answers: Record<string, unknown> } | { ok: false; errors: FieldError[] }>;
  prefill(version: ServiceVersion, profile: ApplicantProfile): Record<string, unknown>;
  /** The owner's details as the form's profile-backed fields state them (the form is the source of truth). */
  applicantFrom(version: ServiceVersion, answers: Record<string, unknown>): Partial<PersonDetails> & { summary?: string | null };
}

/** The signed-in applicant's profile, to prefill a draft (never ask twice). */
export interface ApplicantProfile extends PersonDetails {
  accountId: string;
  sex?: string | null;
  permanentAddress?: PersonDetails['address'];
  currentAddress?: PersonDetails['address'];
}

/** Uploaded files (the documents module): a file as its uploader may use it, or null when it is not theirs. */
export interface FilePort {
  ownedFile(accountId: string, fileId: string): Promise<{ name: string; mediaType: string; sizeBytes: number } | null>;
}

export interface DossierCoreDeps {
  db: Db;
  calendar: WorkingCalendar;
  now: () => Date;
  services: ServicePort;
  files: FilePort;
}

/** Names and contacts the views show (who holds the dossier, which agency), from identity and agencies. */
export interface DirectoryPort {
  official(accountId: string): Promise<{ name: string; email: string | null; phone: string | null } | null>;
  agency(code: string): Promise<{ code: string; name: string } | null>;
  officialsOf(agencyCode: string): Promise<Array<{ accountId: string; name: string; roles: string[] }>>;
}
