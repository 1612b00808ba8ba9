/**
 * Drafts and submission: a citizen (or someone acting for them) starts a dossier, fills it over any
 * number of visits and devices, attaches files, and submits it once. Submission is one transaction:
 * the dossier code, the appointment time, the first event and its job.
 */
import { AppError } from '../../../platform/errors/app-error.ts';
import { computeDue, selectChannelDuration, type Channel } from '../deadline.workflow.ts';
import { permitsOn, type DossierActor } from './dossier-actor.ts';
import type { ApplicantProfile, DossierCoreDeps, ServiceVersion } from './dossier-deps.ts';
import { allocateDossierCode, appendEvent, findDossier, listFiles, toDossier } from './dossier.repo.ts';
import type { Dossier, PersonDetails, ServiceTerms } from './dossier.types.ts';

export interface NewDraft {
  procedureCode: string;
  agencyCode: string;
  channel?: Channel;
  /** Applying for someone else: the signed-in person is the authorised submitter, the owner's details are typed in. */
  onBehalf?: boolean;
}

export interface DraftChanges {
  answers?: Record<string, unknown>;
  caseKey?: string | null;
  applicant?: PersonDetails;
  summary?: string | null;
}

/** A file to attach: its name, type and size are read from the upload itself (the caller's values are not trusted). */
export interface AttachedFile {
  requirementKey: string;
  fileId: string;
  name?: string;
  mediaType?: string;
  sizeBytes?: number;
}

type ApplicantActor = Extract<DossierActor, { kind: 'applicant' }>;

export function personFromProfile(profile: ApplicantProfile): PersonDetails {
  return {
    fullName: profile.fullName,
    idNumber: profile.idNumber ?? null,
    dateOfBirth: profile.dateOfBirth ?? null,
    phone: profile.phone ?? null,
    email: profile.email ?? null,
    address: profile.permanentAddress ?? profile.address ?? null,
    subjectType: profile.subjectType ?? 1,
    organisationName: profile.organisationName ?? null,
  };
}

/** Documents the chosen case requires that have no file yet. */
export function missingDocuments(terms: ServiceTerms, caseKey: string | null, files: ReadonlyArray<{ requirementKey: string }>) {
  const have = new Set(files.map((f) => f.requirementKey));
  return terms.documents.filter((d) => d.required && (d.caseKey === null || d.caseKey === caseKey) && !have.has(d.key));
}

export function dueFor(deps: Pick<DossierCoreDeps, 'calendar'>, terms: ServiceTerms, channel: Channel, from: Date) {
  const channels = (Object.entries(terms.durations) as Array<[Channel, ServiceTerms['durations'][Channel]]>).map(([c, d]) => ({ channel: c, duration: d ?? null }));
  const duration = selectChannelDuration(channels, channel);
  return { duration, due: duration ? computeDue(from, duration, deps.calendar) : null };
}

export function createDraftService(deps: DossierCoreDeps) {
  const { db } = deps;

  async function ownDraft(actor: ApplicantActor, id: string): Promise<Dossier> {
    const dossier = await findDossier(db, id);
    if (!dossier || !permitsOn(actor, dossier)('applicant')) throw new AppError('DOSSIER_NOT_FOUND');
    return dossier;
  }

  async function lockedDraft(tx: typeof db, actor: ApplicantActor, id: string): Promise<Dossier> {
    const dossier = await findDossier(tx, id, { forUpdate: true });
    if (!dossier || !permitsOn(actor, dossier)('applicant')) throw new AppError('DOSSIER_NOT_FOUND');
    if (dossier.status !== 'draft') throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', `the dossier is ${dossier.status}, not a draft`, { dossierStatus: dossier.status });
    return dossier;
  }

  return {
    async create(actor: ApplicantActor, profile: ApplicantProfile, input: NewDraft): Promise<Dossier> {
      const service = await deps.services.current(input.procedureCode, input.agencyCode);
      const me = personFromProfile(profile);
      const row = await db
        .insertInto('dossier')
        .values({
          procedure_code: service.procedureCode,
          procedure_name: service.procedureName,
          catalog_version: service.catalogVersion,
          service_config_id: service.id,
          agency_code: service.agencyCode,
          status: 'draft',
          channel: input.channel ?? 'online',
          origin: 'portal',
          owner_account_id: input.onBehalf ? null : actor.accountId,
          submitter_account_id: input.onBehalf ? actor.accountId : null,
          applicant: JSON.stringify(input.onBehalf ? { fullName: '' } : me),
          submitter: input.onBehalf ? JSON.stringify(me) : null,
          applicant_id_number: input.onBehalf ? null : (me.idNumber ?? null),
          case_key: service.terms.documents.find((d) => d.caseKey !== null)?.caseKey ?? null,
          answers: JSON.stringify(input.onBehalf ? {} : deps.services.prefill(service, profile)),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDossier(row);
    },

    /** Saves whatever the person has typed so far (drafts may be incomplete; submission validates). */
    async update(actor: ApplicantActor, id: string, changes: DraftChanges): Promise<Dossier> {
      return db.transaction().execute(async (tx) => {
        const draft = await lockedDraft(tx, actor, id);
        const applicant = changes.applicant ? { ...draft.applicant, ...changes.applicant } : draft.applicant;
        const row = await tx
          .updateTable('dossier')
          .set({
            answers: JSON.stringify(changes.answers ? { ...draft.answers, ...changes.answers } : draft.answers),
            case_key: changes.caseKey !== undefined ? changes.caseKey : draft.caseKey,
            applicant: JSON.stringify(applicant),
            applicant_id_number: applicant.idNumber ?? null,
            summary: changes.summary !== undefined ? changes.summary : draft.summary,
            updated_at: deps.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDossier(row);
      });
    },

    async attach(actor: ApplicantActor, id: string, file: AttachedFile): Promise<void> {
      // Read before the transaction (see the action service): the service version and the upload.
      const service = await deps.services.byId((await ownDraft(actor, id)).serviceConfigId!);
      const requirement = service.terms.documents.find((d) => d.key === file.requirementKey);
      if (!requirement) throw new AppError('DOSSIER_INVALID', `no required document "${file.requirementKey}" in this service`);
      const meta = await deps.files.ownedFile(actor.accountId, file.fileId);
      if (!meta) throw new AppError('DOSSIER_INVALID', `no uploaded file ${file.fileId} of yours`);
      await db.transaction().execute(async (tx) => {
        await lockedDraft(tx, actor, id);
        const count = (await listFiles(tx, id)).filter((f) => f.requirementKey === file.requirementKey).length;
        if (count >= (requirement.maxFiles ?? 5)) throw new AppError('DOSSIER_INVALID', `at most ${requirement.maxFiles ?? 5} files for "${requirement.name}"`);
        await tx
          .insertInto('dossier_file')
          .values({ dossier_id: id, requirement_key: file.requirementKey, file_id: file.fileId, name: meta.name, media_type: meta.mediaType, size_bytes: meta.sizeBytes, purpose: 'submission' })
          .execute();
        await tx.updateTable('dossier').set({ updated_at: deps.now() }).where('id', '=', id).execute();
      });
    },

    async detach(actor: ApplicantActor, id: string, dossierFileId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await lockedDraft(tx, actor, id);
        await tx.deleteFrom('dossier_file').where('dossier_id', '=', id).where('id', '=', dossierFileId).where('purpose', '=', 'submission').execute();
      });
    },

    /** Draft → submitted. Submitting again (a double click, a retried request) returns the same dossier. */
    async submit(actor: ApplicantActor, id: string): Promise<Dossier> {
      const existing = await ownDraft(actor, id);
      if (existing.status !== 'draft') return existing;
      const service = await deps.services.byId(existing.serviceConfigId!);
      // What validation reads (the administrative units) is loaded outside the transaction below.
      await deps.services.prepare();
      return db.transaction().execute(async (tx) => {
        const draft = await findDossier(tx, id, { forUpdate: true });
        if (!draft) throw new AppError('DOSSIER_NOT_FOUND');
        if (draft.status !== 'draft') return draft; // the other click won
        const checked = await checkComplete(draft, service, await listFiles(tx, id));
        const now = deps.now();
        const { duration, due } = dueFor(deps, service.terms, draft.channel, now);
        const code = await allocateDossierCode(tx, draft.agencyCode, now);
        return appendEvent(
          tx,
          draft,
          { type: 'submitted', statusFrom: 'draft', statusTo: 'submitted', actorKind: 'applicant', actorId: actor.accountId, actorName: actor.name, occurredAt: now, data: { dueAt: due?.toISOString() ?? null } },
          {
            code,
            status: 'submitted',
            submitted_at: now,
            due_at: due,
            original_due_at: due,
            duration: duration ? JSON.stringify(duration) : null,
            answers: JSON.stringify(checked.answers),
            applicant: JSON.stringify(checked.applicant),
            applicant_id_number: checked.applicant.idNumber ?? null,
            summary: checked.summary,
          },
        );
      });
    },
  };

  /** Everything a submission needs, or DOSSIER_INVALID listing every problem at once. */
  async function checkComplete(draft: Dossier, service: ServiceVersion, files: ReadonlyArray<{ requirementKey: string }>) {
    const problems: Array<{ field: string; code: string; message: { vi: string; en: string } }> = [];
    const checked = await deps.services.validateAnswers(service, draft.answers, draft.caseKey);
    if (!checked.ok) problems.push(...checked.errors);
    const stated = checked.ok ? deps.services.applicantFrom(service, checked.answers) : {};
    const { summary, ...person } = stated;
    const applicant: PersonDetails = { ...draft.applicant, ...person, fullName: person.fullName ?? draft.applicant.fullName ?? '' };
    if (checked.ok && !applicant.fullName.trim()) problems.push({ field: 'applicant.fullName', code: 'required', message: { vi: 'Nhập họ và tên chủ hồ sơ', en: "Enter the applicant's full name" } });
    for (const doc of missingDocuments(service.terms, draft.caseKey, files)) {
      problems.push({ field: `documents.${doc.key}`, code: 'document_missing', message: { vi: `Tải lên ${doc.name}`, en: `Upload ${doc.name}` } });
    }
    if (problems.length > 0 || !checked.ok) throw new AppError('DOSSIER_INVALID', problems.map((p) => p.field).join(', '), { errors: problems });
    return { answers: checked.answers, applicant, summary: summary ?? draft.summary };
  }
}

export type DraftService = ReturnType<typeof createDraftService>;
