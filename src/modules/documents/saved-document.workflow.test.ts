import { describe, expect, it } from 'vitest';
import { checkSavedDocument, parseDate, vietnamToday } from './saved-document.workflow.ts';

describe('parseDate', () => {
  it.each([
    ['2024-03-27', '2024-03-27'],
    ['27/03/2024', '2024-03-27'],
    ['7/3/2024', '2024-03-07'],
    ['27-03-2024', '2024-03-27'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['2024-13-01', null],
    ['01/01/1899', null],
    ['hôm qua', null],
    ['2024/03/27', null],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('vietnamToday', () => {
  it('is UTC+7', () => {
    expect(vietnamToday(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(vietnamToday(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
});

describe('checkSavedDocument', () => {
  const today = '2026-03-02';
  it('accepts and cleans a full entry', () => {
    expect(checkSavedDocument({ title: '  Căn cước   của tôi ', kind: 'id_card', issuedBy: ' Bộ Công an ', issuedOn: '01/03/2026' }, today)).toEqual({
      ok: true,
      value: { title: 'Căn cước của tôi', kind: 'id_card', issuedBy: 'Bộ Công an', issuedOn: '2026-03-01' },
    });
    expect(checkSavedDocument({ title: 'Khác', kind: 'other', issuedBy: '', issuedOn: '' }, today)).toEqual({ ok: true, value: { title: 'Khác', kind: 'other', issuedBy: null, issuedOn: null } });
  });

  it('names every field with a problem, in the order of the form', () => {
    const result = checkSavedDocument({ title: ' ', kind: 'driving_licence', issuedBy: 'x'.repeat(201), issuedOn: '30/02/2020' }, today);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.field, e.messageKey])).toEqual([
      ['title', 'documents.saved.errors.titleMissing'],
      ['kind', 'documents.saved.errors.kindMissing'],
      ['issuedBy', 'documents.saved.errors.issuedByTooLong'],
      ['issuedOn', 'documents.saved.errors.issuedOnInvalid'],
    ]);
  });

  it('refuses a date of issue after today and a title over 200 characters', () => {
    const result = checkSavedDocument({ title: 'ệ'.repeat(201), kind: 'passport', issuedBy: '', issuedOn: '2026-03-03' }, today);
    expect(!result.ok && result.errors.map((e) => e.messageKey)).toEqual(['documents.saved.errors.titleTooLong', 'documents.saved.errors.issuedOnFuture']);
    expect(checkSavedDocument({ title: 'ệ'.repeat(200), kind: 'passport', issuedBy: '', issuedOn: today }, today).ok).toBe(true);
  });
});
