/**
 * GET /ho-so/{id} while the dossier is a draft: the GOV.UK task list — applicant, case, details,
 * documents, check and submit — each with its status, so a long application can be done in any order
 * and resumed on any device.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DraftContext, DraftContextLoader } from '../draft-context.service.ts';
import { TASK_PATHS, taskStatuses } from '../draft-sections.workflow.ts';
import { formatLongTime } from '../citizen-time.presenter.ts';

/** Renders the task list of a draft (the caller has checked it is one). */
export async function renderTaskList(request: FastifyRequest, reply: FastifyReply, context: DraftContext & { definition: NonNullable<DraftContext['definition']> }, drafts: DraftContextLoader) {
  const { view, definition } = context;
  const tasks = taskStatuses({ definition, answers: view.answers, caseKey: view.caseKey, files: view.files }, { today: drafts.today(), units: await drafts.units() });
  const onBehalf = view.ownerAccountId === null;
  return reply.page('dossiers/web/citizen/task-list/task-list.njk', {
    dossier: { id: view.id, procedureName: view.procedureName, procedureCode: view.procedureCode, agencyName: view.agencyName, onBehalf, savedAt: formatLongTime(view.updatedAt, request.locale) },
    tasks: tasks.map((task) => ({
      key: task.key === 'applicant' && onBehalf ? 'applicantOnBehalf' : task.key,
      status: task.status,
      href: task.status === 'cannot_start' ? null : `/ho-so/${view.id}/${TASK_PATHS[task.key]}`,
    })),
    completed: tasks.filter((t) => t.status === 'completed').length,
    total: tasks.length - 1,
  });
}
