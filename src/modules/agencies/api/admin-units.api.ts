/** JSON API of the administrative units: the 2025 provinces and communes, and old→new address conversion. */
import { z } from 'zod';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { AdminUnitService } from '../admin-unit.service.ts';
import type { LegacyAddressQuery, LegacyAddressResolution, Province } from '../admin-unit.types.ts';
import { foldVietnamese } from '../admin-unit.workflow.ts';


/** An optional free-text query parameter; blank counts as absent. */
export const textQuery = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * True when every word of `query` begins a word of `name`, ignoring case and diacritics:
 * "ba dinh" and "phuong ba d" match "Phường Ba Đình".
 */
export function matchesWords(name: string, query: string | undefined): boolean {
  if (query === undefined) return true;
  const words = foldVietnamese(name).split(' ');
  return foldVietnamese(query)
    .split(' ')
    .every((part) => words.some((word) => word.startsWith(part)));
}

const provinceCode = z
  .string()
  .regex(/^\d{2}$/, 'a two-digit GSO province code such as 01')
  .describe('Two-digit GSO code of a 2025 province')
  .meta({ example: '01' });

const provinceItem = z
  .object({
    code: z.string().meta({ example: '01' }),
    name: z.string().meta({ example: 'Thành phố Hà Nội' }),
    type: z.enum(['tỉnh', 'thành phố']),
  })
  .describe('A province-level unit of the 2025 scheme');

const communeItem = z
  .object({
    code: z.string().meta({ example: '00004' }),
    name: z.string().meta({ example: 'Phường Ba Đình' }),
    type: z.enum(['phường', 'xã', 'đặc khu']),
  })
  .describe('A commune-level unit of the 2025 scheme');

const unitRef = z.object({ code: z.string(), name: z.string() });

const resolveQuery = z.object({
  province: textQuery(100)
    .describe('Pre-2025 province: name (diacritics and "Tỉnh"/"Thành phố" optional) or two-digit code')
    .meta({ example: 'Hà Nội' }),
  district: textQuery(100)
    .describe('Pre-2025 district, echoed back. The pre-2025 data set has no districts, so it does not narrow the match: an ambiguous commune name gives `certain: false`')
    .meta({ example: 'Quận Ba Đình' }),
  commune: textQuery(100)
    .describe('Pre-2025 commune, ward or township: name (diacritics and type word optional) or five-digit code')
    .meta({ example: 'Phường Trúc Bạch' }),
});

const resolution = z.object({
  certain: z
    .boolean()
    .describe('False when the old unit was split or partly merged, or the name matched several old units: ask the user to choose among `matches`'),
  matches: z
    .array(
      z.object({
        province: unitRef,
        commune: unitRef.nullable().describe('Null when only a province was asked for'),
        mergeType: z.enum(['full', 'partial']).nullable().describe('Whether the old unit went into this commune whole or in part'),
      }),
    )
    .describe('The current (2025) units the address now belongs to'),
  legacy: z
    .object({
      district: z.string().nullable().describe('The district given, not used for matching'),
      communes: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          type: z.enum(['phường', 'xã', 'thị trấn', 'huyện']),
          province: unitRef,
        }),
      ),
    })
    .describe('The pre-2025 units that matched the query'),
});

type ResolveInput = z.output<typeof resolveQuery>;

/** Codes are told from names by shape: two digits for a province, five for a commune. */
function toLegacyQuery(q: ResolveInput): LegacyAddressQuery {
  const query: LegacyAddressQuery = {};
  if (q.province !== undefined) {
    if (/^\d{2}$/.test(q.province)) query.provinceCode = q.province;
    else query.provinceName = q.province;
  }
  if (q.commune !== undefined) {
    if (/^\d{5}$/.test(q.commune)) query.communeCode = q.commune;
    else query.communeName = q.commune;
  }
  return query;
}

function presentResolution(r: LegacyAddressResolution, district: string | undefined): z.output<typeof resolution> {
  const ref = (p: Province) => ({ code: p.code, name: p.name });
  const byCode = new Map(r.provinces.map((p) => [p.code, p]));
  const matches =
    r.communes.length === 0
      ? r.provinces.map((p) => ({ province: ref(p), commune: null, mergeType: null }))
      : r.communes.map((c) => {
          const p = byCode.get(c.provinceCode);
          return {
            province: p ? ref(p) : { code: c.provinceCode, name: '' },
            commune: { code: c.code, name: c.name },
            mergeType: c.mergeType,
          };
        });
  return {
    certain: r.certain,
    matches,
    legacy: {
      district: district ?? null,
      communes: r.legacy.map((l) => ({ code: l.id, name: l.name, type: l.type, province: { code: l.provinceId, name: l.provinceName } })),
    },
  };
}

type Units = Pick<AdminUnitService, 'listProvinces' | 'listCommunes' | 'resolveLegacyAddress'>;

export function registerAdminUnitApi(app: HttpServer, units: Units): void {
  app.get(
    '/api/v1/administrative-units/provinces',
    {
      schema: {
        tags: ['agencies'],
        summary: 'The 34 provinces (2025 scheme)',
        description: 'Province-level units in force since 1 Jul 2025, in GSO code order.',
        response: { 200: z.object({ items: z.array(provinceItem) }) },
      },
    },
    async () => {
      const provinces = await units.listProvinces();
      return { items: provinces.map((p) => ({ code: p.code, name: p.name, type: p.type })) };
    },
  );

  app.get(
    '/api/v1/administrative-units/provinces/:code/communes',
    {
      schema: {
        tags: ['agencies'],
        summary: 'The communes of one province (2025 scheme)',
        description: 'Communes, wards and special zones of a province, in code order, optionally filtered by name.',
        params: z.object({ code: provinceCode }),
        querystring: z.object({
          q: textQuery(100).describe('Words of the name to look for; case and diacritics ignored').meta({ example: 'ba dinh' }),
        }),
        response: { 200: z.object({ items: z.array(communeItem) }), 400: problem, 404: problem },
      },
    },
    async (request) => {
      const communes = await units.listCommunes(request.params.code);
      const q = request.query.q;
      return { items: communes.filter((c) => matchesWords(c.name, q)).map((c) => ({ code: c.code, name: c.name, type: c.type })) };
    },
  );

  app.get(
    '/api/v1/administrative-units/resolve',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Convert a pre-2025 address to the current units',
        description:
          'Resolves an address written with the units in force before 1 Jul 2025 (names or codes, diacritics optional) to the ' +
          'current province and commune(s). Give at least a province or a commune. `certain: false` means the user must choose.',
        querystring: resolveQuery,
        response: { 200: resolution, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const result = await units.resolveLegacyAddress(toLegacyQuery(request.query));
      return presentResolution(result, request.query.district);
    },
  );
}
