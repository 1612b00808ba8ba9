import { EID_ASSURANCE_LEVELS, type EidAssuranceLevel } from '../eid-assurance.workflow.ts';
import { EID_DEV_CITIZENS, EID_DEV_PASSWORD } from './eid-dev.citizens.ts';

// The reference provider's own pages: plain, server-rendered, keyboard- and screen-reader-usable
// (one <h1>, labelled fields grouped in fieldsets, an error summary that links to each field).

export interface LoginFormState {
  readonly citizen?: string;
  readonly level?: string;
  readonly errors?: Readonly<Partial<Record<'citizen' | 'password' | 'level', string>>>;
}

const LEVEL_LABELS: Record<EidAssuranceLevel, string> = {
  'urn:vneid:loa:1': 'Mức 1 — tài khoản đăng ký trực tuyến',
  'urn:vneid:loa:2': 'Mức 2 — đã xác thực trực tiếp với thẻ CCCD gắn chip',
};

const CLAIM_LABELS: Record<string, string> = {
  openid: 'Mã định danh tài khoản',
  profile: 'Họ và tên, ngày sinh, giới tính',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  address: 'Địa chỉ',
  personal_id: 'Số định danh cá nhân (12 số)',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string, hasError = false): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${hasError ? 'Lỗi: ' : ''}${escapeHtml(title)} — Định danh điện tử (thử nghiệm)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5;color:#0b0c0c}
.banner{background:#fff3cd;border-left:6px solid #b58105;padding:.5rem 1rem;margin-bottom:1.5rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;font-size:1.1rem;margin-bottom:.5rem}
label{display:block}.choice{margin:.35rem 0}.choice label{display:inline}.hint{color:#505a5f}
input[type=text],input[type=password]{font-size:1rem;padding:.4rem;border:2px solid #0b0c0c;width:16rem}
button{font-size:1rem;padding:.5rem 1rem;background:#00703c;color:#fff;border:0;margin-right:1rem;cursor:pointer}
button.secondary{background:#f3f2f1;color:#0b0c0c}
:focus{outline:3px solid #fd0;outline-offset:0}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.field{margin-bottom:1.5rem}
.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1.5rem}.error{color:#d4351c;font-weight:700}
</style>
</head>
<body>
<header><p class="banner"><strong>Môi trường phát triển.</strong> Đây là nhà cung cấp định danh điện tử tham chiếu của OpenDVC.
Mọi công dân dưới đây là <strong>hư cấu</strong>, dùng để thử nghiệm; không phải VNeID thật.</p></header>
<main id="main">
${body}
</main>
</body>
</html>`;
}

function errorSummary(errors: Readonly<Record<string, string | undefined>>, anchors: Readonly<Record<string, string>>): string {
  const items = Object.entries(errors).filter(([, m]) => m);
  if (items.length === 0) return '';
  const links = items.map(([field, message]) => `<li><a href="#${anchors[field] ?? field}">${escapeHtml(message)}</a></li>`).join('');
  return `<div class="error-summary" role="alert" tabindex="-1"><h2>Có lỗi xảy ra</h2><ul>${links}</ul></div>`;
}

/** The login page: choose a test citizen, type the shown password, choose the assurance level. */
export function renderLoginPage(uid: string, clientName: string, requestedLevel: EidAssuranceLevel, state: LoginFormState = {}): string {
  const errors = state.errors ?? {};
  const chosenLevel = state.level ?? requestedLevel;
  const citizens = EID_DEV_CITIZENS.map((c, i) => {
    const id = i === 0 ? 'citizen' : `citizen-${c.sub}`;
    const checked = state.citizen === c.sub ? ' checked' : '';
    return `<div class="choice"><input type="radio" id="${id}" name="citizen" value="${escapeHtml(c.sub)}"${checked}>
<label for="${id}">${escapeHtml(c.name)} — số định danh ${escapeHtml(c.personalId)}, sinh ngày ${escapeHtml(c.birthdate)}</label></div>`;
  }).join('\n');
  const levels = EID_ASSURANCE_LEVELS.map((level, i) => {
    const id = i === 0 ? 'level' : `level-${i + 1}`;
    const checked = chosenLevel === level ? ' checked' : '';
    return `<div class="choice"><input type="radio" id="${id}" name="level" value="${level}"${checked}>
<label for="${id}">${escapeHtml(LEVEL_LABELS[level])} <span class="hint">(${level})</span></label></div>`;
  }).join('\n');
  const fieldError = (field: keyof typeof errors) => (errors[field] ? `<p class="error" id="${field}-error"><span class="visually-hidden">Lỗi: </span>${escapeHtml(errors[field])}</p>` : '');
  const body = `${errorSummary(errors, { citizen: 'citizen', password: 'password', level: 'level' })}
<h1>Đăng nhập tài khoản định danh điện tử</h1>
<p><strong>${escapeHtml(clientName)}</strong> đề nghị bạn đăng nhập.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login" novalidate>
<fieldset${errors.citizen ? ' aria-describedby="citizen-error"' : ''}><legend>Chọn công dân thử nghiệm</legend>${fieldError('citizen')}
${citizens}
</fieldset>
<div class="field">
<label for="password"><strong>Mật khẩu</strong></label>
<p class="hint" id="password-hint">Mật khẩu thử nghiệm của mọi công dân: <code>${escapeHtml(EID_DEV_PASSWORD)}</code></p>${fieldError('password')}
<input type="password" id="password" name="password" autocomplete="off" aria-describedby="password-hint${errors.password ? ' password-error' : ''}">
</div>
<fieldset${errors.level ? ' aria-describedby="level-error"' : ''}><legend>Mức độ định danh</legend>${fieldError('level')}
<p class="hint">Dịch vụ đề nghị: ${escapeHtml(LEVEL_LABELS[requestedLevel])}</p>
${levels}
</fieldset>
<button type="submit">Đăng nhập</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">Huỷ</button></form>`;
  return layout('Đăng nhập', body, Object.keys(errors).length > 0);
}

/** The consent page: what the service will receive. */
export function renderConsentPage(uid: string, clientName: string, scopes: readonly string[]): string {
  const items = scopes.map((s) => `<li>${escapeHtml(CLAIM_LABELS[s] ?? s)}</li>`).join('');
  const body = `<h1>Chia sẻ thông tin với ${escapeHtml(clientName)}</h1>
<p>Dịch vụ này sẽ nhận các thông tin sau từ tài khoản định danh điện tử của bạn:</p>
<ul>${items}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Đồng ý</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">Từ chối</button></form>`;
  return layout('Chia sẻ thông tin', body);
}

/** The error page: never redirects anywhere, since the redirect URI may be the problem. */
export function renderErrorPage(error: string, description?: string): string {
  const body = `<h1>Không thể tiếp tục</h1>
<p>Yêu cầu đăng nhập không hợp lệ: <code>${escapeHtml(error)}</code></p>
${description ? `<p>${escapeHtml(description)}</p>` : ''}
<p>Hãy quay lại dịch vụ và đăng nhập lại.</p>`;
  return layout('Không thể tiếp tục', body, true);
}

/** The home page of the provider, for a developer who opens it in a browser. */
export function renderHomePage(issuer: string): string {
  const rows = EID_DEV_CITIZENS.map((c) => `<li>${escapeHtml(c.name)} — ${escapeHtml(c.personalId)}</li>`).join('');
  const body = `<h1>Định danh điện tử — nhà cung cấp tham chiếu</h1>
<p>Cấu hình OpenID Connect: <a href="${escapeHtml(issuer)}/.well-known/openid-configuration">${escapeHtml(issuer)}/.well-known/openid-configuration</a></p>
<h2>Công dân thử nghiệm (hư cấu)</h2><ul>${rows}</ul>
<p>Mật khẩu thử nghiệm: <code>${escapeHtml(EID_DEV_PASSWORD)}</code></p>`;
  return layout('Trang chủ', body);
}
