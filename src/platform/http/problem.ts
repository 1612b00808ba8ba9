import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ErrorTable } from '../errors/app-error.ts';

/** One field-level problem, pointing at the input that caused it. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** RFC 9457 problem details, with OpenDVC's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://opendvc.org/problems/';

export function buildProblem(
  table: ErrorTable,
  translateTitle: (messageKey: string) => string,
  code: string,
  extra: { detail?: string; instance?: string; errors?: FieldProblem[]; [k: string]: unknown } = {},
): Problem {
  const spec = table[code] ?? table.INTERNAL ?? { status: 500, messageKey: 'errors.internal' };
  const known = table[code] !== undefined;
  // Extra members never replace the members RFC 9457 defines (an extra `status` would break the response).
  const { type: _type, title: _title, status: _status, code: _code, ...members } = extra;
  return {
    type: `${PROBLEM_TYPE_BASE}${(known ? code : 'INTERNAL').toLowerCase().replace(/_/g, '-')}`,
    title: translateTitle(spec.messageKey),
    status: spec.status,
    code: known ? code : 'INTERNAL',
    ...members,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** The problem+json shape for route schemas (OpenAPI documents every error response with it). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .describe('RFC 9457 problem details, with a stable `code`');
