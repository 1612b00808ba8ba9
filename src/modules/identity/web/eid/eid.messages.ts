/**
 * Texts of the national e-ID login, merged into identityMessages: `identity.errors.eid*` for every
 * code of eid/eid.errors.ts and the IDENTITY_EID_* codes of identity.errors.ts, and the page texts.
 */
export const eidMessages = {
  vi: {
    errors: {
      eidStateMismatch: 'Phiên đăng nhập bằng tài khoản định danh điện tử không khớp hoặc đã hết hạn (quá 10 phút, hoặc bắt đầu ở trình duyệt khác). Hãy bắt đầu lại.',
      eidNonceMismatch: 'Kết quả xác thực nhận được không thuộc lần đăng nhập này. Hãy bắt đầu lại.',
      eidPkceMismatch: 'Không hoàn tất được đăng nhập: mã xác thực không khớp với yêu cầu ban đầu. Hãy bắt đầu lại.',
      eidCodeRejected: 'Mã xác thực đã được dùng hoặc đã hết hạn. Hãy bắt đầu lại.',
      eidIdTokenInvalid: 'Thông tin xác thực từ hệ thống định danh không hợp lệ (chữ ký hoặc nội dung không đúng), nên không được chấp nhận.',
      eidIdTokenExpired: 'Thông tin xác thực từ hệ thống định danh đã hết hạn. Hãy bắt đầu lại.',
      eidAccessDenied: 'Bạn đã hủy đăng nhập hoặc không đồng ý chia sẻ thông tin với Cổng Dịch vụ công.',
      eidUpstreamError: 'Hệ thống định danh điện tử trả về lỗi. Vui lòng thử lại sau ít phút.',
      eidUnavailable: 'Hiện không kết nối được với hệ thống định danh điện tử. Vui lòng thử lại sau ít phút hoặc đăng nhập bằng mật khẩu.',
      eidNotConfigured: 'Cổng chưa được kết nối với hệ thống định danh điện tử quốc gia.',
      eidLevelTooLow: 'Việc này cần tài khoản định danh điện tử có mức độ bảo đảm cao hơn mức bạn vừa dùng để đăng nhập. Bạn chưa được đăng nhập.',
      eidIdNumberInvalid: 'Hệ thống định danh không cung cấp số định danh cá nhân hợp lệ, nên không thể xác định tài khoản của bạn.',
      eidAccountUnavailable: 'Tài khoản gắn với số định danh cá nhân này đang bị khóa hoặc chưa được xác minh. Vui lòng liên hệ bộ phận hỗ trợ.',
    },
    page: {
      errorTitle: 'Không đăng nhập được bằng tài khoản định danh điện tử',
      levelRequired: 'Trang bạn muốn vào yêu cầu tài khoản định danh điện tử mức {level}.',
      tryAgain: 'Đăng nhập lại bằng tài khoản định danh điện tử',
      reference: 'Mã lỗi để báo bộ phận hỗ trợ: {code}',
    },
  },
  en: {
    errors: {
      eidStateMismatch: 'This national e-ID login does not match or has expired (over 10 minutes, or started in another browser). Please start again.',
      eidNonceMismatch: 'The authentication result does not belong to this login. Please start again.',
      eidPkceMismatch: 'The login could not be completed: the authorisation code does not match the original request. Please start again.',
      eidCodeRejected: 'The authorisation code was already used or has expired. Please start again.',
      eidIdTokenInvalid: 'The identity system sent authentication data that is not valid (wrong signature or content), so it was refused.',
      eidIdTokenExpired: 'The authentication data from the identity system has expired. Please start again.',
      eidAccessDenied: 'You cancelled the login or did not agree to share your details with the Public Service Portal.',
      eidUpstreamError: 'The national electronic identity system returned an error. Please try again in a few minutes.',
      eidUnavailable: 'The national electronic identity system cannot be reached right now. Please try again in a few minutes or log in with a password.',
      eidNotConfigured: 'The portal is not connected to the national electronic identity system.',
      eidLevelTooLow: 'This needs a national electronic identity account of a higher assurance level than the one you just used. You have not been logged in.',
      eidIdNumberInvalid: 'The identity system did not send a valid personal identification number, so your account cannot be identified.',
      eidAccountUnavailable: 'The account with this personal identification number is disabled or not yet verified. Please contact support.',
    },
    page: {
      errorTitle: 'You could not log in with your national electronic identity account',
      levelRequired: 'The page you want needs a level {level} national electronic identity account.',
      tryAgain: 'Log in again with your national electronic identity account',
      reference: 'Error code for support: {code}',
    },
  },
} as const;
