/** JSON API of the agency register. */
import { z } from 'zod';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { AgencyService } from '../agency.service.ts';
import { AGENCY_KINDS, type Agency } from '../agency.types.ts';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import { matchesWords, textQuery } from './admin-units.api.ts';

const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const agencyCode = z
  .string()
  .regex(AGENCY_CODE, 'an agency code such as 000.00.00.G01')
  .describe('Agency code, QCVN 102:2016 style `L4.L3.L2.L1` (derived by OpenDVC, not official)')
  .meta({ example: '000.00.00.G01' });

const kind = z.enum(AGENCY_KINDS).describe('ministry, central unit, provincial or commune People\'s Committee, provincial agency, other');

const adminUnit = z
  .object({ scheme: z.literal('2025'), provinceCode: z.string(), communeCode: z.string().nullable() })
  .nullable()
  .describe('The 2025 administrative unit the agency serves; null for central bodies');

const agencyItem = z.object({
  code: z.string().meta({ example: '000.00.00.G01' }),
  name: z.string().meta({ example: 'Bộ Công an' }),
  kind,
  parentCode: z.string().nullable().describe('Code of the agency it reports to'),
  adminUnit,
});

const agencyRef = z.object({ code: z.string(), name: z.string(), kind });

const agencyDetail = agencyItem.extend({
  shortName: z.string().nullable(),
  localKind: z.string().nullable().describe('Local kind this agency is an instance of, e.g. `province.police`'),
  aliases: z.array(z.string()).describe('Other spellings of the name found in procedure records'),
  parent: agencyRef.nullable(),
  children: z.array(agencyRef).describe('Agencies that report to this one, in code order'),
});

export const listAgenciesQuery = z.object({
  kind: kind.optional(),
  parent: agencyCode.optional().describe('Only agencies reporting to this agency'),
  province: z
    .string()
    .regex(/^\d{2}$/, 'a two-digit GSO province code such as 01')
    .optional()
    .describe('Only agencies serving this 2025 province (its communes included)')
    .meta({ example: '01' }),
  localKind: z
    .string()
    .max(80)
    .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a local kind key such as province.police')
    .optional()
    .describe('Only instances of this local kind')
    .meta({ example: 'province.police' }),
  q: textQuery(200).describe('Words of the name to look for; case and diacritics ignored').meta({ example: 'cong an ha noi' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const present = (a: Agency) => ({ code: a.code, name: a.name, kind: a.kind, parentCode: a.parentCode, adminUnit: a.adminUnit });
const reference = (a: Agency) => ({ code: a.code, name: a.name, kind: a.kind });

type Agencies = Pick<AgencyService, 'findAgency' | 'listAgencies'>;

/** One agency with the agency it reports to and those reporting to it. */
async function loadAgencyDetail(agencies: Agencies, code: string): Promise<z.output<typeof agencyDetail>> {
  const agency = await agencies.findAgency(code);
  const [parent, children] = await Promise.all([
    agency.parentCode ? agencies.findAgency(agency.parentCode) : null,
    agencies.listAgencies({ parentCode: agency.code }),
  ]);
  return {
    ...present(agency),
    shortName: agency.shortName,
    localKind: agency.localKind,
    aliases: agency.aliases,
    parent: parent ? reference(parent) : null,
    children: children.map(reference),
  };
}

export function registerAgencyApi(app: HttpServer, agencies: Agencies): void {
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'List agencies',
        description: 'The agency register (ministries, central units, People\'s Committees, provincial agencies), in code order, filtered and paged.',
        querystring: listAgenciesQuery,
        response: { 200: z.object({ total: z.number().int(), items: z.array(agencyItem) }), 400: problem },
      },
    },
    async (request) => {
      const { kind, parent, province, localKind, q, limit, offset } = request.query;
      const all = await agencies.listAgencies({
        ...(kind ? { kind } : {}),
        ...(parent ? { parentCode: parent } : {}),
        ...(province ? { provinceCode: province } : {}),
        ...(localKind ? { localKind } : {}),
      });
      const found = all.filter((a) => matchesWords(a.shortName ? `${a.name} ${a.shortName}` : a.name, q));
      return { total: found.length, items: found.slice(offset, offset + limit).map(present) };
    },
  );

  app.get(
    '/api/v1/agencies/:code',
    {
      schema: {
        tags: ['agencies'],
        summary: 'One agency, with its parent and children',
        params: z.object({ code: agencyCode }),
        response: { 200: agencyDetail, 400: problem, 404: problem },
      },
    },
    async (request) => loadAgencyDetail(agencies, request.params.code),
  );
}
