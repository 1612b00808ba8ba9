/** Reading dossiers: one dossier with its timeline, "my dossiers", the back-office queues and the public lookup. */
import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/app-error.ts';
import { agenciesWhere } from '../../identity/index.ts';
import { classifyProgress } from '../deadline.workflow.ts';
import { canRead, permitsOn, type DossierActor } from './dossier-actor.ts';
import type { DirectoryPort, DossierCoreDeps } from './dossier-deps.ts';
import { availableActions } from './dossier-workflow.workflow.ts';
import { findDossier, findDossierByCode, listEvents, listFiles, toDossier } from './dossier.repo.ts';
import { NATIONAL_STATUS_CODE, PAUSED_STATUSES, type Dossier, type DossierAction, type DossierEventView, type DossierFileRef } from './dossier.types.ts';

export const QUEUES = ['new', 'in_progress', 'due_soon', 'overdue', 'waiting', 'resolved', 'finished', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export interface DossierView extends Dossier {
  statusCode: number | null;
  progress: ReturnType<typeof classifyProgress> | null;
  agencyName: string;
  holder: { name: string; email: string | null; phone: string | null } | null;
  events: DossierEventView[];
  files: DossierFileRef[];
  allowedActions: DossierAction[];
  rating: { scores: Record<string, unknown>; ratedAt: string } | null;
}

/** What anyone with the code and the applicant's ID number may see: no answers, no files, no notes. */
export interface PublicTracking {
  code: string;
  procedureName: string;
  agencyName: string;
  status: Dossier['status'];
  statusCode: number | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  progress: DossierView['progress'];
  events: Array<Pick<DossierEventView, 'type' | 'statusTo' | 'occurredAt'>>;
}

export interface QueueFilter {
  queue: Queue;
  agencyCode?: string;
  q?: string;
  assignedTo?: string;
  procedureCode?: string;
  limit: number;
  offset: number;
}

const SOON_MS = 2 * 24 * 60 * 60 * 1000;
const OPEN_WORK = ['received', 'processing', 'in_transit'] as const;

export function createQueryService(deps: DossierCoreDeps & { directory: DirectoryPort }) {
  const { db } = deps;

  const progressOf = (d: Dossier, now: Date) => (d.dueAt ? classifyProgress(new Date(d.dueAt), d.resolvedAt ? new Date(d.resolvedAt) : d.finishedAt ? new Date(d.finishedAt) : null, now) : null);

  async function view(actor: DossierActor, dossier: Dossier): Promise<DossierView> {
    const isOfficial = actor.kind !== 'applicant';
    const [events, files, agency, holder, rating] = await Promise.all([
      listEvents(db, dossier.id, { includeInternal: isOfficial }),
      listFiles(db, dossier.id),
      deps.directory.agency(dossier.agencyCode),
      dossier.holderAccountId ? deps.directory.official(dossier.holderAccountId) : null,
      db.selectFrom('dossier_rating').select(['scores', 'rated_at']).where('dossier_id', '=', dossier.id).executeTakeFirst(),
    ]);
    return {
      ...dossier,
      statusCode: dossier.status === 'draft' ? null : NATIONAL_STATUS_CODE[dossier.status],
      progress: progressOf(dossier, deps.now()),
      agencyName: agency?.name ?? dossier.agencyCode,
      holder,
      events,
      files,
      allowedActions: availableActions(dossier.status, permitsOn(actor, dossier)),
      rating: rating ? { scores: rating.scores, ratedAt: rating.rated_at.toISOString() } : null,
    };
  }

  return {
    /** One dossier as `actor` may see it (officials see internal notes; others get 404, never 403, so nothing leaks). */
    async get(actor: DossierActor, id: string): Promise<DossierView> {
      const dossier = await findDossier(db, id);
      if (!dossier || !canRead(actor, dossier)) throw new AppError('DOSSIER_NOT_FOUND');
      return view(actor, dossier);
    },

    async getByCode(actor: DossierActor, code: string): Promise<DossierView> {
      const dossier = await findDossierByCode(db, code);
      if (!dossier || !canRead(actor, dossier)) throw new AppError('DOSSIER_NOT_FOUND');
      return view(actor, dossier);
    },

    /** The applicant's dossiers: those they own and those they filed for someone else. */
    async listMine(accountId: string, options: { limit: number; offset: number; drafts?: boolean }) {
      let query = db.selectFrom('dossier').selectAll().where((eb) => eb.or([eb('owner_account_id', '=', accountId), eb('submitter_account_id', '=', accountId)]));
      if (options.drafts === false) query = query.where('status', '<>', 'draft');
      const rows = await query.orderBy('updated_at', 'desc').limit(options.limit).offset(options.offset).execute();
      const now = deps.now();
      return rows.map((r) => {
        const d = toDossier(r);
        return { ...d, statusCode: d.status === 'draft' ? null : NATIONAL_STATUS_CODE[d.status], progress: progressOf(d, now) };
      });
    },

    /** Public tracking: both the code and the applicant's ID number must match (one answer for every failure). */
    async lookup(code: string, idNumber: string): Promise<PublicTracking> {
      // One round trip: the dossier and its status changes (the busiest public read of the portal).
      const found = await sql<{
        code: string; procedure_name: string; agency_code: string; status: string; submitted_at: Date | null; received_at: Date | null;
        due_at: Date | null; finished_at: Date | null; resolved_at: Date | null; events: Array<{ type: string; status_to: string; occurred_at: string }>;
      }>`
        SELECT d.code, d.procedure_name, d.agency_code, d.status, d.submitted_at, d.received_at, d.due_at, d.finished_at, d.resolved_at,
          coalesce((SELECT json_agg(json_build_object('type', e.type, 'status_to', e.status_to, 'occurred_at', e.occurred_at) ORDER BY e.seq)
                    FROM dossier_event e WHERE e.dossier_id = d.id AND NOT e.internal AND e.status_to IS NOT NULL), '[]') AS events
        FROM dossier d WHERE d.code = ${code.trim()} AND d.applicant_id_number = ${idNumber.trim()}`.execute(db);
      const row = found.rows[0];
      if (!row || row.status === 'draft' || !row.code) throw new AppError('DOSSIER_LOOKUP_FAILED');
      const agency = await deps.directory.agency(row.agency_code);
      const finished = row.resolved_at ?? row.finished_at;
      return {
        code: row.code,
        procedureName: row.procedure_name,
        agencyName: agency?.name ?? row.agency_code,
        status: row.status as Dossier['status'],
        statusCode: NATIONAL_STATUS_CODE[row.status as Exclude<Dossier['status'], 'draft'>],
        submittedAt: row.submitted_at?.toISOString() ?? null,
        receivedAt: row.received_at?.toISOString() ?? null,
        dueAt: row.due_at?.toISOString() ?? null,
        finishedAt: row.finished_at?.toISOString() ?? null,
        progress: row.due_at ? classifyProgress(row.due_at, finished, deps.now()) : null,
        events: row.events.map((e) => ({ type: e.type, statusTo: e.status_to as Dossier['status'], occurredAt: new Date(e.occurred_at).toISOString() })),
      };
    },

    /** A back-office queue: only agencies where the official may read dossiers; newest-due first where it matters. */
    async queue(actor: DossierActor, filter: QueueFilter) {
      const agencies = actor.kind === 'official' ? agenciesWhere(actor, 'dossier.read') : actor.kind === 'agency_system' ? [...actor.agencyCodes] : [];
      const scope = filter.agencyCode ? agencies.filter((a) => a === filter.agencyCode) : agencies;
      if (scope.length === 0) return { total: 0, items: [] as Array<Dossier & { statusCode: number | null; progress: DossierView['progress'] }> };
      const now = deps.now();
      let query = db.selectFrom('dossier').where('agency_code', 'in', scope).where('status', '<>', 'draft');
      switch (filter.queue) {
        case 'new':
          query = query.where('status', '=', 'submitted');
          break;
        case 'in_progress':
          query = query.where('status', 'in', OPEN_WORK);
          break;
        case 'due_soon':
          query = query.where('status', 'in', [...OPEN_WORK, 'submitted']).where('due_at', '>=', now).where('due_at', '<=', new Date(now.getTime() + SOON_MS));
          break;
        case 'overdue':
          query = query.where('status', 'in', [...OPEN_WORK, 'submitted']).where('due_at', '<', now);
          break;
        case 'waiting':
          query = query.where('status', 'in', [...PAUSED_STATUSES]);
          break;
        case 'resolved':
          query = query.where('status', '=', 'resolved');
          break;
        case 'finished':
          query = query.where('status', 'in', ['returned', 'refused', 'withdrawn', 'stopped']);
          break;
        case 'all':
          break;
      }
      if (filter.assignedTo) query = query.where('holder_account_id', '=', filter.assignedTo);
      if (filter.procedureCode) query = query.where('procedure_code', '=', filter.procedureCode);
      const q = filter.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('code', 'ilike', like), eb('applicant_id_number', '=', q), eb(sql<string>`applicant->>'fullName'`, 'ilike', like)]));
      }
      const [count, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
        query.selectAll().orderBy(sql`due_at asc nulls last`).orderBy('submitted_at', 'asc').limit(filter.limit).offset(filter.offset).execute(),
      ]);
      return {
        total: Number(count?.n ?? 0),
        items: rows.map((r) => {
          const d = toDossier(r);
          return { ...d, statusCode: NATIONAL_STATUS_CODE[d.status as Exclude<Dossier['status'], 'draft'>], progress: progressOf(d, now) };
        }),
      };
    },
  };
}

export type QueryService = ReturnType<typeof createQueryService>;
