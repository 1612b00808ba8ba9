import { z } from 'zod';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import { presentProcedure, presentSummary } from '../catalog.presenter.ts';
import { MAX_QUERY_LENGTH, type CatalogService } from '../catalog.service.ts';
import type { ProcedureRecord, ProcedureSummary } from '../catalog.types.ts';


const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchQuerySchema = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).optional().describe('Words to look for; diacritics optional, typos tolerated, abbreviations and English understood'),
  sector: z.string().max(120).optional().describe('Sector slug, e.g. `ho-tich`'),
  level: z.enum(['ministry', 'province', 'commune', 'other']).optional(),
  agency: z.string().max(200).optional().describe('Agency: its slug as in the facets (`cuc-canh-sat-giao-thong`) or its electronic identifier (`000.00.01.G01`)'),
  online: booleanQuery.optional().describe('Only procedures that can (true) or cannot (false) be done online'),
  fee: z.enum(['free', 'paid']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const summaryItem = z.object({
  code: z.string(),
  name: z.string(),
  sector: z.string().nullable(),
  levels: z.array(z.string()),
  agencies: z.array(z.string()),
  online: z.boolean(),
});

const duration = z.object({ value: z.number(), unit: z.enum(['working_days', 'days', 'hours', 'months']) });

const procedure = z.object({
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  sector: z.string().nullable(),
  levels: z.array(z.string()),
  procedureType: z.string().nullable(),
  subjects: z.array(z.string()),
  agencies: z.array(z.object({ role: z.string(), name: z.string(), code: z.string().nullable() })),
  online: z.boolean(),
  onlineLevel: z.string().nullable(),
  fee: z.enum(['free', 'paid', 'unknown']),
  channels: z.array(
    z.object({
      channel: z.enum(['online', 'in_person', 'postal']),
      duration: duration.nullable(),
      durationText: z.string().nullable(),
      feeText: z.string().nullable(),
      feeAmountVnd: z.number().nullable(),
      fees: z.array(z.object({ amountVnd: z.number(), label: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable() })),
      description: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      caseName: z.string().nullable(),
      name: z.string(),
      formFiles: z.array(z.string()),
      formText: z.string().nullable(),
      quantity: z.object({ original: z.number(), copy: z.number() }).nullable(),
      quantityText: z.string().nullable(),
    }),
  ),
  legalBasis: z.array(z.object({ title: z.string(), code: z.string().nullable() })),
  results: z.array(z.object({ name: z.string(), code: z.string().nullable() })),
  steps: z.array(z.string()),
  conditions: z.string().nullable(),
  intakeAddresses: z.array(z.string()),
  relatedProcedures: z.array(z.string()),
  publicationDecision: z.object({ number: z.string().nullable(), irregular: z.boolean() }),
  questions: z.array(z.object({ question: z.string(), answer: z.string() })),
  source: z.object({
    url: z.string().nullable(),
    portalFormalityId: z.string().nullable(),
    ministryFolder: z.string().nullable(),
    attribution: z.string(),
  }),
});

const rendered = new WeakMap<ProcedureRecord, Map<string, string>>();
const summaries = new WeakMap<ProcedureSummary, string>();

/** A list item's JSON, made once per catalog snapshot (summaries are replaced on reload). */
function summaryJson(summary: ProcedureSummary): string {
  let json = summaries.get(summary);
  if (json === undefined) summaries.set(summary, (json = JSON.stringify(summaryItem.parse(presentSummary(summary)))));
  return json;
}

/** JSON API of the procedure catalog. */
export function registerProcedureApi(app: HttpServer, catalog: CatalogService): void {
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search procedures',
        description: 'Ranked full-text search over the national procedure catalog, best match first. Without `q`, lists procedures by name.',
        querystring: searchQuerySchema,
        response: {
          200: z.object({ total: z.number().int(), suggestion: z.string().nullable(), items: z.array(summaryItem) }),
          400: problem,
        },
      },
    },
    async (request, reply) => {
      // The list API has no facets: counting them is most of a search's cost.
      const result = await catalog.search(request.query, { facets: false });
      const items = result.items.map(summaryJson).join(',');
      const json = `{"total":${result.total},"suggestion":${JSON.stringify(result.suggestion)},"items":[${items}]}`;
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One procedure, the whole structured record',
        params: z.object({ code: z.string().regex(/^\d\.\d{6}$/, 'a national procedure code such as 1.001193') }),
        response: { 200: procedure, 400: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const record = await catalog.getProcedure(request.params.code);
      // A record never changes within a catalog snapshot (a reload makes new objects), so its
      // JSON is made once per language instead of on every request.
      let byLocale = rendered.get(record);
      if (!byLocale) rendered.set(record, (byLocale = new Map()));
      let json = byLocale.get(request.locale);
      if (json === undefined) {
        json = JSON.stringify(procedure.parse(presentProcedure(record, await catalog.questionsFor(record.code, request.locale))));
        byLocale.set(request.locale, json);
      }
      // A string is sent as it is (the schema above still documents its shape).
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions/:version',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One version of a procedure, as a dossier filed under it saw it',
        params: z.object({ code: z.string().regex(/^\d\.\d{6}$/), version: z.coerce.number().int().min(1) }),
        response: { 200: procedure, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const record = await catalog.getProcedureVersion(request.params.code, request.params.version);
      return presentProcedure(record, []);
    },
  );
}
