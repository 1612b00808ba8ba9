import { describe, expect, it } from 'vitest';
import { OFFICIAL_ACTIONS } from '../../../core/dossier.types.ts';
import { ACTION_SLUGS, parseActionForm, parseAmount, parseDateTime, supplementRows } from './action-forms.workflow.ts';

const ctx = { stepIndex: 0, stepCount: 4, dueAt: '2026-12-01T10:00:00+07:00', officialIds: ['0f8b6c1e-3f5d-4a8e-9b2c-7d6e5f4a3b2c'], channel: 'online' };

describe('back-office action forms', () => {
  it('has one distinct Vietnamese path per official action', () => {
    expect(Object.keys(ACTION_SLUGS).sort()).toEqual([...OFFICIAL_ACTIONS].sort());
    expect(new Set(Object.values(ACTION_SLUGS)).size).toBe(OFFICIAL_ACTIONS.length);
  });

  it('reads amounts as officials write them', () => {
    expect(parseAmount('150.000')).toBe(150000);
    expect(parseAmount('1 500 000 đồng')).toBe(1500000);
    expect(parseAmount('150,000đ')).toBe(150000);
    expect(parseAmount('một trăm')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
  });

  it('reads dd/mm/yyyy and HH:mm as Vietnam time', () => {
    expect(parseDateTime('5/1/2027', '8:05')).toBe('2027-01-05T08:05:00+07:00');
    expect(parseDateTime('30/02/2027', '08:00')).toBeNull();
    expect(parseDateTime('05/01/2027', '24:00')).toBeNull();
  });

  it('keeps the supplement rows, skips empty ones, and names each half-filled row', () => {
    expect(supplementRows({ rows: '2' }, 3)).toHaveLength(3);
    expect(supplementRows({ rows: '999' }, 1)).toHaveLength(50);
    const parsed = parseActionForm('request_supplement', { rows: '4', 'name-0': 'Giấy A', 'reason-0': 'Mờ', 'name-2': 'Giấy B', 'reason-3': 'Thiếu' }, ctx);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual(['reason-2', 'name-3']);
    const ok = parseActionForm('request_supplement', { rows: '3', 'name-1': ' Giấy A ', 'reason-1': 'Mờ' }, ctx);
    expect(ok).toEqual({ ok: true, input: { items: [{ name: 'Giấy A', reason: 'Mờ' }], note: undefined, legalBasis: undefined } });
  });

  it('refuses an extension that is not later than the current appointment', () => {
    const parsed = parseActionForm('extend', { reason: 'Cần xác minh', newDate: '30/11/2026', newTime: '10:00' }, ctx);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.messageKey)).toEqual(['dossiers.office.action.errors.newDate.notLater']);
    expect(parseActionForm('extend', { reason: 'Cần xác minh', newDate: '02/12/2026', newTime: '' }, ctx)).toEqual({ ok: true, input: { reason: 'Cần xác minh', newDueAt: '2026-12-02T17:00:00+07:00' } });
  });

  it('accepts only officers of the dossier’s agency', () => {
    const parsed = parseActionForm('assign', { toAccountId: '2a7c9e1b-4d3f-4b8a-8c6d-5e4f3a2b1c0d' }, ctx);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.messageKey)).toEqual(['dossiers.office.action.errors.toAccountId.unknown']);
  });
});
