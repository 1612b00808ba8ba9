/** GET/POST /tai-khoan/giay-to/them: upload a document with its title, type and issue details. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { FileMeta, UploadLimits, UploadProblem } from '../../document.types.ts';
import { formatSize } from '../../file.presenter.ts';
import type { FileStoreService } from '../../file-store.service.ts';
import type { SavedDocumentService } from '../../saved-document.service.ts';
import { SAVED_DOCUMENT_KINDS } from '../../document.types.ts';
import type { FieldError } from '../../saved-document.workflow.ts';
import { requireApplicant, type FormSecurity } from '../signed-in.policy.ts';
import type { createUploadReader, FormFields } from '../upload-request.parser.ts';
import { SAVED_PATH } from './saved-documents.presenter.ts';

const TEMPLATE = 'documents/web/saved-documents/add.njk';
const ADD_PATH = `${SAVED_PATH}/them`;

export interface AddDocumentPageDeps {
  web: FormSecurity;
  files: FileStoreService;
  saved: SavedDocumentService;
  readUpload: ReturnType<typeof createUploadReader>;
  limits: UploadLimits;
}

interface FormValues {
  title: string;
  kind: string;
  issuedBy: string;
  issuedOn: string;
}

export function registerAddDocumentPage(app: HttpServer, deps: AddDocumentPageDeps): void {
  const render = (request: FastifyRequest, reply: FastifyReply, data: { values: FormValues; kept: FileMeta | null; errors: ReadonlyArray<FieldError | UploadProblem> }) =>
    reply.page(TEMPLATE, {
      csrfToken: deps.web.csrfToken(request, reply),
      values: data.values,
      kinds: SAVED_DOCUMENT_KINDS,
      maxSize: formatSize(deps.limits.maxBytes),
      kept: data.kept ? { id: data.kept.id, name: data.kept.originalName, size: formatSize(data.kept.sizeBytes) } : null,
      hasErrors: data.errors.length > 0,
      errors: data.errors,
      errorMap: Object.fromEntries([...data.errors].reverse().map((e) => [e.field, e])),
    });

  app.get(ADD_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!requireApplicant(request, reply)) return reply;
    return render(request, reply, { values: { title: '', kind: '', issuedBy: '', issuedOn: '' }, kept: null, errors: [] });
  });

  app.post(ADD_PATH, { schema: { hide: true } }, async (request, reply) => {
    const accountId = requireApplicant(request, reply, ADD_PATH);
    if (!accountId) return reply;
    const upload = await deps.readUpload(request, { ownerAccountId: accountId, maxFiles: 1, beforeStore: () => deps.web.checkCsrf(request) });
    const values = {
      title: field(upload.fields, 'title'),
      kind: field(upload.fields, 'kind'),
      issuedBy: field(upload.fields, 'issuedBy'),
      issuedOn: field(upload.fields, 'issuedOn'),
    };
    // A file that passed the checks on an earlier try, kept so the person need not choose it again.
    const keptId = field(upload.fields, 'keptFileId');
    const fresh = upload.files[0]?.file ?? null;
    const file = fresh ?? (keptId ? await deps.files.getFile(accountId, keptId) : null);
    const errors: Array<FieldError | UploadProblem> = [...upload.problems];
    if (!file && errors.length === 0) errors.push({ field: 'file', messageKey: 'documents.saved.errors.fileMissing' });
    // Every problem on the page at once (GOV.UK), the details' before the file's.
    const details = deps.saved.checkDetails(values);
    if (!details.ok) errors.unshift(...details.errors);
    if (errors.length === 0 && file) {
      const result = await deps.saved.saveDocument(accountId, { fileId: file.id, ...values });
      if (result.ok) {
        request.log.info({ savedId: result.saved.id, fileId: file.id }, 'saved document added');
        return reply.redirect(`${SAVED_PATH}?da_luu=1`, 303);
      }
      errors.push(...result.errors);
    }
    const kept = upload.problems.length === 0 ? file : null;
    request.log.info({ fields: errors.map((e) => e.messageKey) }, 'add document form rejected');
    return render(request, reply.code(400), { values, kept, errors });
  });
}

function field(fields: FormFields, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
