/**
 * The sandbox's own pages, in Vietnamese. Plain HTML with no script and no inline style, because
 * the portal's Content-Security-Policy forbids both; two ordinary forms carry the decision.
 */
import type { SandboxBank } from './vnpay-sandbox.types.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Cổng thanh toán thử nghiệm VNPay</title>
</head>
<body>
<header><p>Cổng thanh toán thử nghiệm (sandbox) – không có tiền thật được chuyển</p></header>
<main id="noi-dung">
${body}
</main>
</body>
</html>
`;
}

export interface PayPageData {
  action: string;
  signedQuery: string;
  tmnCode: string;
  txnRef: string;
  orderInfo: string;
  amountVnd: number;
  banks: readonly SandboxBank[];
  /** Set when the merchant chose the bank in `vnp_BankCode`. */
  fixedBank?: string;
}

const formatVnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;

/** The page where the payer pays or declines. */
export function renderPayPage(d: PayPageData): string {
  const hidden = `<input type="hidden" name="q" value="${escapeHtml(d.signedQuery)}">`;
  const bankField = d.fixedBank
    ? `<input type="hidden" name="bankCode" value="${escapeHtml(d.fixedBank)}">
<p>Ngân hàng: <strong>${escapeHtml(d.banks.find((b) => b.code === d.fixedBank)?.name ?? d.fixedBank)}</strong></p>`
    : `<p><label for="bankCode">Ngân hàng thanh toán</label>
<select id="bankCode" name="bankCode">
${d.banks.map((b) => `<option value="${escapeHtml(b.code)}">${escapeHtml(b.name)}</option>`).join('\n')}
</select></p>`;
  return layout(
    'Thanh toán',
    `<h1>Thanh toán trực tuyến</h1>
<dl>
<dt>Đơn vị chấp nhận thanh toán</dt><dd>${escapeHtml(d.tmnCode)}</dd>
<dt>Mã giao dịch</dt><dd>${escapeHtml(d.txnRef)}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(d.orderInfo)}</dd>
<dt>Số tiền</dt><dd>${formatVnd(d.amountVnd)}</dd>
</dl>
<form method="post" action="${escapeHtml(d.action)}" novalidate>
${hidden}
${bankField}
<button type="submit" name="decision" value="pay">Thanh toán</button>
</form>
<form method="post" action="${escapeHtml(d.action)}" novalidate>
${hidden}
<button type="submit" name="decision" value="cancel">Hủy giao dịch</button>
</form>`,
  );
}

/** An error page: the payment cannot go on (bad signature, unknown terminal, expired, …). */
export function renderErrorPage(code: string, message: string): string {
  return layout(
    'Lỗi: Giao dịch không hợp lệ',
    `<h1>Giao dịch không hợp lệ</h1>
<p>${escapeHtml(message)}</p>
<p>Mã lỗi: ${escapeHtml(code)}</p>`,
  );
}
