import { describe, expect, it } from 'vitest';
import { parseBankDateTime, parseBankStatementCsv, parseVndAmount, splitCsvRecords } from './bank-statement.parser.ts';

describe('parseVndAmount', () => {
  it('reads Vietnamese and English grouping, decimals of zero, signs and currency suffixes', () => {
    const cases: [string, number][] = [
      ['1.500.000', 1500000],
      ['1,500,000', 1500000],
      ['1 500 000', 1500000],
      ['1500000', 1500000],
      ['1.500.000,00', 1500000],
      ['1,500,000.00', 1500000],
      ['1500000.00', 1500000],
      ['+1.500.000 VND', 1500000],
      ['-1.500.000', -1500000],
      ['(200,000)', -200000],
      ['50.000đ', 50000],
      ['1.500', 1500],
    ];
    for (const [text, value] of cases) expect(parseVndAmount(text), text).toBe(value);
  });

  it('refuses fractions of a dong, mixed-up grouping and text', () => {
    for (const text of ['1.500.000,50', '1500000.5', '1.50.000', '1,500.000,00', 'abc', '', '1..500']) {
      expect(parseVndAmount(text), text).toBeNull();
    }
  });
});

describe('parseBankDateTime', () => {
  it('reads dd/MM/yyyy with or without time, and ISO', () => {
    expect(parseBankDateTime('22/11/2026 10:30:15')).toBe('2026-11-22T10:30:15');
    expect(parseBankDateTime('2/1/2026')).toBe('2026-01-02T00:00:00');
    expect(parseBankDateTime('2026-11-22 08:05')).toBe('2026-11-22T08:05:00');
    expect(parseBankDateTime('hôm qua')).toBeNull();
  });
});

describe('splitCsvRecords', () => {
  it('keeps separators, doubled quotes and newlines inside quoted fields', () => {
    const records = splitCsvRecords('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,1', ',');
    expect(records).toEqual([
      { fields: ['a', 'b'], lineNumber: 1 },
      { fields: ['x, y', 'say "hi"\nthere'], lineNumber: 2 },
      { fields: ['last', '1'], lineNumber: 5 },
    ]);
  });
});

describe('parseBankStatementCsv', () => {
  it('reads a Vietnamese export with separate credit and debit columns', () => {
    const csv = [
      '\uFEFFNgày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Nội dung',
      '22/11/2026 10:30:15,FT2632600001,,"1.500.000","MBVCB.123.DVC 25A1-B2C3.CT tu 0123"',
      '22/11/2026 11:00:00,FT2632600002,"200,000",,Phi SMS',
    ].join('\n');
    const r = parseBankStatementCsv(csv);
    expect(r).toEqual({
      ok: true,
      errors: [],
      lines: [
        {
          lineNumber: 2,
          bookedAt: '2026-11-22T10:30:15',
          amountVnd: 1500000,
          direction: 'credit',
          description: 'MBVCB.123.DVC 25A1-B2C3.CT tu 0123',
          reference: 'FT2632600001',
        },
        {
          lineNumber: 3,
          bookedAt: '2026-11-22T11:00:00',
          amountVnd: 200000,
          direction: 'debit',
          description: 'Phi SMS',
          reference: 'FT2632600002',
        },
      ],
    });
  });

  it('reads an English semicolon export with a signed amount and a CR/DR column', () => {
    const csv = 'Date;Reference;Amount;Type;Description\n2026-11-22 09:00:00;R1;1,500,000.00;CR;DVC25A1B2C3\n2026-11-22;R2;-30.000;;fee\n';
    const r = parseBankStatementCsv(csv);
    expect(r.ok && r.lines.map((l) => [l.reference, l.amountVnd, l.direction])).toEqual([
      ['R1', 1500000, 'credit'],
      ['R2', 30000, 'debit'],
    ]);
  });

  it('lists rows it cannot read instead of dropping them', () => {
    const csv = 'Date,Reference,Amount,Description\n22/11/2026,R1,"1.500.000,50",x\n22/11/2026,R2\n22/11/2026,R3,,x\n';
    const r = parseBankStatementCsv(csv);
    expect(r.ok && r.errors.map((e) => [e.lineNumber, e.reason])).toEqual([
      [2, 'bad_amount'],
      [3, 'column_count'],
      [4, 'no_amount'],
    ]);
  });

  it('names the columns it could not find', () => {
    expect(parseBankStatementCsv('Foo,Bar\n1,2')).toEqual({
      ok: false,
      error: 'unknown_columns',
      missing: ['date', 'description', 'reference', 'amount'],
    });
    expect(parseBankStatementCsv('')).toMatchObject({ ok: false, error: 'empty' });
  });
});
