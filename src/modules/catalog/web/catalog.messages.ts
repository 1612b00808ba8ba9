import type { Messages } from '../../../platform/i18n/i18n.ts';

export const catalogMessages: { vi: Messages; en: Messages } = {
  vi: {
    catalog: {
      errors: {
        procedureNotFound: 'Không tìm thấy thủ tục hành chính',
        versionNotFound: 'Không tìm thấy phiên bản này của thủ tục',
        lifeEventNotFound: 'Không tìm thấy sự kiện',
        sectorNotFound: 'Không tìm thấy lĩnh vực',
        agencyNotFound: 'Không tìm thấy cơ quan',
        queryTooLong: 'Từ khóa tìm kiếm quá dài',
        importFolderNotFound: 'Không tìm thấy thư mục dữ liệu',
      },
    },
  },
  en: {
    catalog: {
      errors: {
        procedureNotFound: 'Procedure not found',
        versionNotFound: 'This version of the procedure was not found',
        lifeEventNotFound: 'Life event not found',
        sectorNotFound: 'Sector not found',
        agencyNotFound: 'Agency not found',
        queryTooLong: 'The search text is too long',
        importFolderNotFound: 'The data folder was not found',
      },
    },
  },
};
