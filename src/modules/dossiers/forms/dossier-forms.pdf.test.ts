import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  DossierFormBase,
  ExtensionApologyFormInput,
  ProcessingStopFormInput,
  ReceiptFormInput,
  RefusalFormInput,
  SupplementRequestFormInput,
} from './dossier-forms.types.ts';
import { renderExtensionApologyPdf } from './extension-apology-form.presenter.ts';
import { renderProcessingStopPdf } from './processing-stop-form.presenter.ts';
import { ONLINE_INTAKE_SIGNATORY, renderReceiptPdf } from './receipt-form.presenter.ts';
import { renderRefusalPdf } from './refusal-form.presenter.ts';
import { renderSupplementRequestPdf } from './supplement-request-form.presenter.ts';

// The forms are read back with poppler-utils (pdftotext, pdfinfo, pdffonts; CI installs them):
// what matters is the text a citizen, a search index or a screen reader gets out of the file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-forms-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
function save(bytes: Uint8Array): string {
  const file = path.join(dir, `form-${++count}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}
const poppler = (tool: string, ...args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
const textOf = (file: string, ...args: string[]) => poppler('pdftotext', '-layout', ...args, file, '-');
const pageCount = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', file))?.[1]);

const RECEIVED = '2026-11-22T15:30:00+07:00';
const RECEIVED_TEXT = '15 giờ 30 phút, ngày 22 tháng 11 năm 2026';
const APPOINTMENT = '2026-12-04T10:00:00+07:00';
const APPOINTMENT_TEXT = '10 giờ 00 phút, ngày 04 tháng 12 năm 2026';

function buildBase(overrides: Partial<DossierFormBase> = {}): DossierFormBase {
  return {
    agency: { name: 'Ủy ban nhân dân phường Ba Đình', parentName: 'Ủy ban nhân dân thành phố Hà Nội', unitName: 'Bộ phận Một cửa', place: 'Ba Đình' },
    dossierCode: 'H26.22-261122-0001',
    procedure: { name: 'Đăng ký thường trú', code: '1.004222' },
    applicant: { fullName: 'Nguyễn Thị Hương', idNumber: '001190012345', address: 'Số 12 phố Đội Cấn, phường Ba Đình', phone: '0912 345 678', email: 'huong@example.vn' },
    issuedAt: RECEIVED,
    portalName: 'Cổng Dịch vụ công quốc gia',
    ...overrides,
  };
}

function buildReceipt(overrides: Partial<ReceiptFormInput> = {}): ReceiptFormInput {
  return {
    ...buildBase(),
    documents: [
      { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', originals: 1 },
      { name: 'Giấy tờ chứng minh chỗ ở hợp pháp', originals: 1, copies: 2 },
      { name: 'Ảnh chụp sổ đỏ', fileName: 'so-do.pdf' },
    ],
    channel: 'online',
    receivedAt: RECEIVED,
    appointmentAt: APPOINTMENT,
    processingTime: '7 ngày làm việc',
    resultDelivery: 'Tại Bộ phận Một cửa phường Ba Đình',
    trackingUrl: 'https://dichvucong.example.vn/tra-cuu/H26.22-261122-0001',
    ...overrides,
  };
}

const officer = { fullName: 'Trần Văn Ấn', title: 'Công chức tiếp nhận' };
const head = { fullName: 'Phạm Quốc Việt', title: 'Chủ tịch' };

/** Strings every form must print exactly, diacritics and all. */
const COMMON = ['Nguyễn Thị Hương', 'Ủy ban nhân dân phường Ba Đình', 'Đăng ký thường trú (mã thủ tục 1.004222)', 'H26.22-261122-0001', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Ba Đình, ngày 22 tháng 11 năm 2026', 'ỦY BAN NHÂN DÂN', 'Trang 1/1'];

describe('dossier forms as PDF', () => {
  it('01 receipt: applicant, documents, received and appointment times, channel and tracking line', async () => {
    const file = save(await renderReceiptPdf(buildReceipt({ authorisedSubmitter: { fullName: 'Lê Văn Đức', idNumber: '001090054321' } })));
    const text = textOf(file);
    for (const expected of [
      ...COMMON,
      'Mẫu số 01 – Thông tư 03/2025/TT-VPCP',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: H26.22-261122-0001',
      'Bộ phận Một cửa – Ủy ban nhân dân phường Ba Đình tiếp nhận hồ sơ của:',
      'Lê Văn Đức',
      'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)',
      '1 bản chính, 2 bản sao',
      'Tệp: so-do.pdf',
      RECEIVED_TEXT,
      APPOINTMENT_TEXT,
      'Trực tuyến',
      'Tại Bộ phận Một cửa phường Ba Đình',
      'Tra cứu hồ sơ tại https://dichvucong.example.vn/tra-cuu/H26.22-261122-0001',
      ONLINE_INTAKE_SIGNATORY,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/4\. Thời gian hẹn trả kết quả:\s+10 giờ 00 phút, ngày 04 tháng 12 năm 2026/);
    expect(text).not.toContain('NGƯỜI NỘP HỒ SƠ');
  });

  it('01 receipt at the desk: the submitter and the officer sign', async () => {
    const text = textOf(save(await renderReceiptPdf(buildReceipt({ channel: 'in_person', officer }))));
    for (const expected of ['Trực tiếp', 'NGƯỜI NỘP HỒ SƠ', 'CÔNG CHỨC TIẾP NHẬN', 'Trần Văn Ấn']) expect(text).toContain(expected);
    expect(text).not.toContain(ONLINE_INTAKE_SIGNATORY);
  });

  it('02 supplement request: every missing item with its reason, and the deadline', async () => {
    const input: SupplementRequestFormInput = {
      ...buildBase(),
      receivedAt: RECEIVED,
      items: [
        { item: 'Giấy tờ chứng minh chỗ ở hợp pháp', reason: 'Bản sao chưa được chứng thực' },
        { item: 'Tờ khai CT01', reason: 'Thiếu chữ ký của chủ hộ' },
      ],
      deadlineAt: '2026-11-29T17:00:00+07:00',
      contact: 'Bộ phận Một cửa, số điện thoại 024 3823 0000',
      officer,
    };
    const text = textOf(save(await renderSupplementRequestPdf(input)));
    for (const expected of [...COMMON, 'Mẫu số 02 – Thông tư 03/2025/TT-VPCP', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Bản sao chưa được chứng thực', 'Tờ khai CT01', 'Thiếu chữ ký của chủ hộ', '17 giờ 00 phút, ngày 29 tháng 11 năm 2026', 'Trần Văn Ấn']) {
      expect(text).toContain(expected);
    }
  });

  it('03 refusal: the reasons', async () => {
    const input: RefusalFormInput = { ...buildBase(), receivedAt: RECEIVED, reasons: ['Thủ tục không thuộc thẩm quyền', 'Người đề nghị chưa đủ 18 tuổi'], legalBasis: 'Điều 20 Luật Cư trú', officer };
    const text = textOf(save(await renderRefusalPdf(input)));
    for (const expected of [...COMMON, 'Mẫu số 03 – Thông tư 03/2025/TT-VPCP', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Thủ tục không thuộc thẩm quyền', 'Người đề nghị chưa đủ 18 tuổi', 'Căn cứ: Điều 20 Luật Cư trú']) {
      expect(text).toContain(expected);
    }
  });

  it('04 apology: reason, old and new appointment, addressed to the authorised submitter', async () => {
    const input: ExtensionApologyFormInput = {
      ...buildBase({ authorisedSubmitter: { fullName: 'Lê Văn Đức' } }),
      receivedAt: RECEIVED,
      reason: 'Cần xác minh thêm thông tin.',
      previousAppointmentAt: APPOINTMENT,
      newAppointmentAt: '2026-12-11T10:00:00+07:00',
      officer: head,
    };
    const text = textOf(save(await renderExtensionApologyPdf(input)));
    for (const expected of [...COMMON, 'Mẫu số 04 – Thông tư 03/2025/TT-VPCP', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', 'Kính gửi: Lê Văn Đức', 'Cần xác minh thêm thông tin.', APPOINTMENT_TEXT, '10 giờ 00 phút, ngày 11 tháng 12 năm 2026', 'CHỦ TỊCH', 'Phạm Quốc Việt']) {
      expect(text).toContain(expected);
    }
  });

  it('04 follows TT 01/2018 when the dossier was received under it', async () => {
    const input: ExtensionApologyFormInput = { ...buildBase({ instrument: 'TT01_2018' }), receivedAt: RECEIVED, reason: 'Lý do', previousAppointmentAt: APPOINTMENT, newAppointmentAt: '2026-12-11T10:00:00+07:00', officer: head };
    const text = textOf(save(await renderExtensionApologyPdf(input)));
    expect(text).toContain('Mẫu số 04 – Thông tư 01/2018/TT-VPCP');
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
  });

  it('05 stop notice: the reasons; refused under TT 01/2018, which has no such form', async () => {
    const input: ProcessingStopFormInput = { ...buildBase(), receivedAt: RECEIVED, reasons: ['Người nộp hồ sơ đề nghị rút hồ sơ'], guidance: 'Tổ chức, cá nhân có thể nộp lại hồ sơ.', officer: head };
    const text = textOf(save(await renderProcessingStopPdf(input)));
    for (const expected of [...COMMON, 'Mẫu số 05 – Thông tư 03/2025/TT-VPCP', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Người nộp hồ sơ đề nghị rút hồ sơ', 'Tổ chức, cá nhân có thể nộp lại hồ sơ.']) {
      expect(text).toContain(expected);
    }
    await expect(renderProcessingStopPdf({ ...input, instrument: 'TT01_2018' })).rejects.toThrow(RangeError);
  });

  it('prints decomposed (NFD) input as precomposed (NFC) text', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const input = buildReceipt({
      agency: { name: nfd('Ủy ban nhân dân phường Ba Đình'), unitName: nfd('Bộ phận Một cửa'), place: nfd('Ba Đình') },
      applicant: { fullName: nfd('Nguyễn Thị Hương'), address: nfd('Số 12 phố Đội Cấn') },
      procedure: { name: nfd('Đăng ký thường trú') },
      documents: [{ name: nfd('Giấy tờ chứng minh chỗ ở hợp pháp'), originals: 1 }],
    });
    expect(input.applicant.fullName).not.toBe('Nguyễn Thị Hương');
    const text = textOf(save(await renderReceiptPdf(input)));
    expect(text).toBe(text.normalize('NFC'));
    for (const expected of ['Nguyễn Thị Hương', 'Ủy ban nhân dân phường Ba Đình', 'Đăng ký thường trú', 'Giấy tờ chứng minh chỗ ở hợp pháp', 'Số 12 phố Đội Cấn', 'Ba Đình, ngày 22 tháng 11 năm 2026']) {
      expect(text).toContain(expected);
    }
  });

  it('wraps and breaks a long document list onto a second page', async () => {
    const documents = Array.from({ length: 14 }, (_, i) => ({ name: `Giấy tờ số ${i + 1}: bản sao giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất`, copies: 1 }));
    const file = save(await renderReceiptPdf(buildReceipt({ documents })));
    expect(pageCount(file)).toBe(2);
    const [first, second] = [1, 2].map((n) => textOf(file, '-f', String(n), '-l', String(n)));
    expect(first).toContain('Trang 1/2');
    expect(second).toContain('Trang 2/2');
    expect(second).toContain('Tên giấy tờ');
    expect(second).toContain('Giấy tờ số 14: bản sao giấy chứng nhận');
    expect(second).toContain(APPOINTMENT_TEXT);
    // A name wider than its column goes on over several lines rather than running off the page.
    expect(first).toMatch(/Giấy tờ số 1: bản sao giấy chứng nhận[^\n]*\n[^\n]*(quyền|nhà|tài sản)/);
  });

  it('writes the form title, portal and date into the metadata and embeds the font', async () => {
    const file = save(await renderReceiptPdf(buildReceipt()));
    const info = poppler('pdfinfo', '-isodates', file);
    expect(info).toMatch(/^Title:\s+Giấy tiếp nhận hồ sơ và hẹn trả kết quả – H26\.22-261122-0001$/m);
    expect(info).toMatch(/^Author:\s+Cổng Dịch vụ công quốc gia$/m);
    expect(info).toMatch(/^CreationDate:\s+2026-11-22T08:30:00(Z|\+00)/m);
    const fonts = poppler('pdffonts', file).split('\n').filter((l) => l.includes('DejaVuSerifCondensed'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it('rejects a time without an offset', async () => {
    await expect(renderReceiptPdf(buildReceipt({ appointmentAt: '2026-12-04 10:00' }))).rejects.toThrow(RangeError);
  });
});
