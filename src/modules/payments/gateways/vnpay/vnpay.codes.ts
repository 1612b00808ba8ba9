/**
 * What VNPay's codes mean, in Vietnamese and English, for finance views and logs (DOMAIN.md §11.2).
 * Texts are ours, after VNPay's documentation; 12, 13 and 79 come from that documentation only.
 */
export interface CodeText {
  readonly vi: string;
  readonly en: string;
}

/** `vnp_ResponseCode` of a payment (return URL and IPN). */
export const VNPAY_RESPONSE_CODES = {
  '00': { vi: 'Giao dịch thành công', en: 'Successful' },
  '07': { vi: 'Trừ tiền thành công, giao dịch bị nghi ngờ gian lận', en: 'Money debited; transaction suspected of fraud' },
  '09': { vi: 'Thẻ/tài khoản chưa đăng ký dịch vụ Internet Banking', en: 'Card or account not registered for internet banking' },
  '10': { vi: 'Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần', en: 'Card or account authentication failed more than 3 times' },
  '11': { vi: 'Đã hết hạn chờ thanh toán', en: 'Payment timed out' },
  '12': { vi: 'Thẻ/tài khoản bị khóa', en: 'Card or account locked' },
  '13': { vi: 'Nhập sai mật khẩu xác thực giao dịch (OTP)', en: 'Wrong one-time password' },
  '24': { vi: 'Khách hàng hủy giao dịch', en: 'Customer cancelled' },
  '51': { vi: 'Tài khoản không đủ số dư', en: 'Insufficient funds' },
  '65': { vi: 'Tài khoản đã vượt quá hạn mức giao dịch trong ngày', en: 'Daily limit exceeded' },
  '75': { vi: 'Ngân hàng thanh toán đang bảo trì', en: 'Bank under maintenance' },
  '79': { vi: 'Nhập sai mật khẩu thanh toán quá số lần quy định', en: 'Wrong payment password too many times' },
  '99': { vi: 'Lỗi khác', en: 'Other error' },
} as const satisfies Record<string, CodeText>;

/** `vnp_TransactionStatus`: the state of the transaction at VNPay. */
export const VNPAY_TRANSACTION_STATUSES = {
  '00': { vi: 'Giao dịch thanh toán thành công', en: 'Payment successful' },
  '01': { vi: 'Giao dịch chưa hoàn tất', en: 'Not completed' },
  '02': { vi: 'Giao dịch bị lỗi', en: 'Error' },
  '04': { vi: 'Giao dịch đảo (khách đã bị trừ tiền nhưng giao dịch chưa thành công ở VNPay)', en: 'Reversed (customer debited, transaction failed at VNPay)' },
  '05': { vi: 'VNPay đang xử lý giao dịch hoàn tiền', en: 'Refund being processed' },
  '06': { vi: 'VNPay đã gửi yêu cầu hoàn tiền sang ngân hàng', en: 'Refund sent to the bank' },
  '07': { vi: 'Giao dịch bị nghi ngờ gian lận', en: 'Suspected fraud' },
  '09': { vi: 'Giao dịch hoàn trả bị từ chối', en: 'Refund rejected' },
} as const satisfies Record<string, CodeText>;

/** `vnp_ResponseCode` of the querydr and refund API. */
export const VNPAY_API_RESPONSE_CODES = {
  '00': { vi: 'Yêu cầu thành công', en: 'Success' },
  '02': { vi: 'Mã định danh kết nối (TmnCode) không hợp lệ', en: 'Invalid TmnCode' },
  '03': { vi: 'Dữ liệu gửi sang không đúng định dạng', en: 'Invalid format' },
  '91': { vi: 'Không tìm thấy giao dịch yêu cầu', en: 'Transaction not found' },
  '94': { vi: 'Yêu cầu bị trùng lặp', en: 'Duplicate request' },
  '95': { vi: 'VNPay từ chối xử lý yêu cầu', en: 'Refused' },
  '97': { vi: 'Chữ ký không hợp lệ', en: 'Invalid checksum' },
  '99': { vi: 'Lỗi khác', en: 'Other error' },
} as const satisfies Record<string, CodeText>;

const UNKNOWN: CodeText = { vi: 'Mã không xác định', en: 'Unknown code' };

/** The meaning of a payment response code; "unknown" for codes VNPay has not documented. */
export function describeResponseCode(code: string): CodeText {
  return (VNPAY_RESPONSE_CODES as Record<string, CodeText>)[code] ?? UNKNOWN;
}

/** The meaning of a transaction status. */
export function describeTransactionStatus(code: string): CodeText {
  return (VNPAY_TRANSACTION_STATUSES as Record<string, CodeText>)[code] ?? UNKNOWN;
}

/** The meaning of a querydr/refund response code. */
export function describeApiResponseCode(code: string): CodeText {
  return (VNPAY_API_RESPONSE_CODES as Record<string, CodeText>)[code] ?? UNKNOWN;
}
