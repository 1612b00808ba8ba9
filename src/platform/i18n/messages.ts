import type { Messages } from './i18n.ts';

/** Shell and platform messages. Modules bring their own catalogues. */
export const platformMessages: { vi: Messages; en: Messages } = {
  vi: {
    site: { name: 'Cổng Dịch vụ công', tagline: 'Một cửa cho mọi thủ tục hành chính' },
    errors: {
      validationFailed: 'Dữ liệu gửi lên không hợp lệ',
      notFound: 'Không tìm thấy trang',
      methodNotAllowed: 'Phương thức không được hỗ trợ',
      payloadTooLarge: 'Dữ liệu gửi lên quá lớn',
      rateLimited: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
      serviceUnavailable: 'Dịch vụ tạm thời không sẵn sàng',
      internal: 'Đã có lỗi xảy ra',
    },
  },
  en: {
    site: { name: 'Public Service Portal', tagline: 'One door to every administrative procedure' },
    errors: {
      validationFailed: 'The request is not valid',
      notFound: 'Page not found',
      methodNotAllowed: 'Method not allowed',
      payloadTooLarge: 'The request is too large',
      rateLimited: 'Too many requests, please try again later',
      serviceUnavailable: 'The service is temporarily unavailable',
      internal: 'Something went wrong',
    },
  },
};
