import type { Messages } from '../../platform/i18n/i18n.ts';

/** Message catalogue of the agencies module (keys under `agencies.`). */
export const agencyMessages: { vi: Messages; en: Messages } = {
  vi: {
    agencies: {
      errors: {
        agencyNotFound: 'Không tìm thấy cơ quan.',
        adminUnitNotFound: 'Không tìm thấy đơn vị hành chính.',
        adminUnitQueryEmpty: 'Hãy nhập tên hoặc mã tỉnh, xã.',
        seedInvalid: 'Dữ liệu khởi tạo về cơ quan, đơn vị hành chính bị lỗi.',
      },
    },
  },
  en: {
    agencies: {
      errors: {
        agencyNotFound: 'Agency not found.',
        adminUnitNotFound: 'Administrative unit not found.',
        adminUnitQueryEmpty: 'Enter the name or code of a province or commune.',
        seedInvalid: 'The agency and administrative-unit seed data is invalid.',
      },
    },
  },
};
