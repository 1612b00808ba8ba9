import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadName, MAX_NAME_LENGTH, sanitizeFileName } from './file-name.workflow.ts';

describe('sanitizeFileName', () => {
  it.each([
    ['Giấy khai sinh.pdf', 'Giấy khai sinh.pdf'],
    // macOS sends decomposed (NFD) names.
    ['Giấy tờ.pdf'.normalize('NFD'), 'Giấy tờ.pdf'],
    ['C:\\Users\\An\\Documents\\cccd.jpg', 'cccd.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['..pdf', 'pdf'],
    ['.htaccess', 'htaccess'],
    // A right-to-left override makes "…\u202Egpj.exe" look like "…exe.jpg".
    ['anh\u202Egpj.exe', 'anhgpj.exe'],
    ['bad\u0000name\u0007.pdf', 'badname.pdf'],
    ['a<b>:c"d|e?f*.png', 'a_b__c_d_e_f_.png'],
    ['  nhiều    khoảng   trắng .pdf  ', 'nhiều khoảng trắng .pdf'],
    ['', 'tai-lieu'],
    ['\u202E', 'tai-lieu'],
    ['...', 'tai-lieu'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('cuts long names to 200 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'ả'.repeat(300)}.pdf`);
    expect([...name].length).toBe(MAX_NAME_LENGTH);
    expect(name.endsWith('ả.pdf')).toBe(true);
    expect(name.normalize('NFC')).toBe(name);
  });
});

describe('downloadName', () => {
  it('gives the extension of the sniffed type', () => {
    expect(downloadName('scan.pdf', 'application/pdf')).toBe('scan.pdf');
    expect(downloadName('scan.PDF', 'application/pdf')).toBe('scan.PDF');
    expect(downloadName('anh.jpeg', 'image/jpeg')).toBe('anh.jpeg');
    expect(downloadName('scan.pdf', 'image/png')).toBe('scan.png');
    expect(downloadName('report.docx', 'application/pdf')).toBe('report.docx.pdf');
    expect(downloadName('tai-lieu', 'image/jpeg')).toBe('tai-lieu.jpg');
  });
});

describe('contentDisposition', () => {
  it('writes an ASCII fallback and the exact UTF-8 name (RFC 5987/6266)', () => {
    expect(contentDisposition('attachment', 'Giấy khai sinh (bản sao).pdf')).toBe(
      `attachment; filename="Giay khai sinh (ban sao).pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh%20%28b%E1%BA%A3n%20sao%29.pdf`,
    );
    expect(contentDisposition('inline', 'Đơn "đề nghị" 50%\\.pdf')).toBe(`inline; filename="Don _de nghi_ 50__.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%22%C4%91%E1%BB%81%20ngh%E1%BB%8B%22%2050%25%5C.pdf`);
  });

  it('round-trips through decodeURIComponent', () => {
    const name = 'Hộ chiếu – Nguyễn Thị Ánh * (1).jpg';
    const encoded = /filename\*=UTF-8''(.+)$/.exec(contentDisposition('attachment', name))![1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});
