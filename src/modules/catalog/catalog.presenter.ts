import type { ProcedureRecord, ProcedureSummary, QuestionAnswer } from './catalog.types.ts';
import { feeOf } from './catalog-snapshot.service.ts';

export const SOURCE_ATTRIBUTION =
  'Cơ sở dữ liệu quốc gia về thủ tục hành chính (dichvucong.gov.vn), via the chatbot-tthc/chatbot_tthc data set';

/** List item of GET /api/v1/procedures. */
export function presentSummary(s: ProcedureSummary) {
  return { code: s.code, name: s.name, sector: s.sector, levels: s.levels, agencies: s.agencies, online: s.online };
}

/** The whole structured record of GET /api/v1/procedures/{code}. */
export function presentProcedure(r: ProcedureRecord, questions: readonly QuestionAnswer[]) {
  return {
    code: r.code,
    name: r.name,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    sector: r.sector,
    levels: r.levels,
    procedureType: r.procedureType,
    subjects: r.subjects,
    agencies: r.agencyRefs.map((a) => ({ role: a.role, name: a.name, code: a.code })),
    online: r.channels.some((c) => c.channel === 'online'),
    onlineLevel: r.onlineLevel,
    fee: feeOf(r),
    channels: r.channels.map((c) => ({
      channel: c.channel,
      duration: c.duration,
      durationText: c.durationText,
      feeText: c.feeText,
      feeAmountVnd: c.feeAmountVnd,
      fees: c.fees,
      description: c.description,
    })),
    documents: r.documentGroups.flatMap((g) =>
      g.documents.map((d) => ({
        caseName: g.caseName,
        name: d.name,
        formFiles: d.formFiles,
        formText: d.formText,
        quantity: d.quantity,
        quantityText: d.quantityText,
      })),
    ),
    legalBasis: r.legalBasis,
    results: r.results,
    steps: r.steps,
    conditions: r.conditions,
    intakeAddresses: r.intakeAddresses,
    relatedProcedures: r.relatedProcedures,
    publicationDecision: { number: r.decisionNo, irregular: r.decisionNoIrregular },
    questions: questions.map((q) => ({ question: q.question, answer: q.answer })),
    source: {
      url: r.sourceUrl,
      portalFormalityId: r.portalFormalityId,
      ministryFolder: r.ministryFolder,
      attribution: SOURCE_ATTRIBUTION,
    },
  };
}
