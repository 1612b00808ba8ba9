import type { DocumentsModule } from '../../../documents/index.ts';
import type { FileAccess } from './back-office.types.ts';
export const x: FileAccess = null as unknown as DocumentsModule;
