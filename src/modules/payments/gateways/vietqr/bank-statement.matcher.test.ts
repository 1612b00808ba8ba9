import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPaymentCodes,
  matchStatementLines,
  type PaymentRequestView,
  type StatementLine,
  type StatementMatch,
} from './bank-statement.matcher.ts';

const format = { prefix: 'DVC', bodyLength: 8 };

function buildLine(overrides: Partial<StatementLine> = {}): StatementLine {
  return {
    lineNumber: 2,
    bookedAt: '2026-11-22T10:00:00',
    amountVnd: 50000,
    direction: 'credit',
    description: 'DVC25A1B2C3',
    reference: 'FT1',
    ...overrides,
  };
}

function lookupOf(requests: readonly PaymentRequestView[]) {
  const byCode = new Map(requests.map((r) => [r.code, r]));
  return (code: string) => byCode.get(code);
}

/** The result without line numbers, as sorted strings: what must not depend on row order. */
function summary(m: StatementMatch) {
  return {
    matched: m.matched.map((x) => `${x.line.reference}>${x.code}`).sort(),
    unmatched: m.unmatched.map((x) => `${x.line.reference}:${x.reason}:${x.code ?? ''}`).sort(),
    ignored: m.ignored.map((x) => x.reference).sort(),
  };
}

describe('findPaymentCodes', () => {
  it('finds the code whatever case, spaces, dashes and dots the bank added', () => {
    for (const content of [
      'DVC25A1B2C3',
      'dvc25a1b2c3 chuyen tien',
      'MBVCB.3312.DVC 25A1-B2C3.CT tu 0123456 NGUYEN VAN A',
      'IBFT DVC-25A1-B2C3',
      'Đvc 25a1 b2c3',
    ]) {
      expect(findPaymentCodes(content, format), content).toContain('DVC25A1B2C3');
    }
    expect(findPaymentCodes('chuyen tien hoc phi', format)).toEqual([]);
    expect(findPaymentCodes('DVC25A1', format)).toEqual([]);
  });
});

describe('matchStatementLines', () => {
  const request: PaymentRequestView = { code: 'DVC25A1B2C3', amountVnd: 50000, status: 'pending' };

  it('matches by code and exact amount and ignores debits', () => {
    const debit = buildLine({ reference: 'FT9', direction: 'debit' });
    const r = matchStatementLines([buildLine(), debit], lookupOf([request]), format);
    expect(r.matched).toEqual([{ line: buildLine(), code: 'DVC25A1B2C3' }]);
    expect(r.unmatched).toEqual([]);
    expect(r.ignored).toEqual([debit]);
  });

  it('gives a reason for every line it cannot match', () => {
    const paid: PaymentRequestView = { code: 'DVCPAID0001', amountVnd: 10000, status: 'paid' };
    const expired: PaymentRequestView = { code: 'DVCEXPIRED1', amountVnd: 10000, status: 'expired' };
    const other: PaymentRequestView = { code: 'DVCOTHER001', amountVnd: 10000, status: 'pending' };
    const lines = [
      buildLine({ reference: 'A', description: 'chuyen tien' }),
      buildLine({ reference: 'B', description: 'DVCZZZZZZZZ' }),
      buildLine({ reference: 'C', amountVnd: 49000 }),
      buildLine({ reference: 'D', description: 'DVC PAID0001', amountVnd: 10000 }),
      buildLine({ reference: 'E', description: 'DVCEXPIRED1', amountVnd: 10000 }),
      buildLine({ reference: 'F' }),
      buildLine({ reference: 'F' }),
      buildLine({ reference: 'G', bookedAt: '2026-11-23T10:00:00' }),
      buildLine({ reference: 'H', description: 'DVC25A1B2C3 DVCOTHER001' }),
    ];
    const r = matchStatementLines(lines, lookupOf([request, paid, expired, other]), format);
    expect(summary(r)).toEqual({
      matched: ['F>DVC25A1B2C3'],
      unmatched: [
        'A:no_code:',
        'B:unknown_code:DVCZZZZZZZZ',
        'C:amount_differs:DVC25A1B2C3',
        'D:already_paid:DVCPAID0001',
        'E:request_closed:DVCEXPIRED1',
        'F:duplicate_line:',
        'G:already_paid:DVC25A1B2C3',
        'H:several_codes:DVC25A1B2C3,DVCOTHER001',
      ],
      ignored: [],
    });
    expect(r.unmatched.find((u) => u.reason === 'amount_differs')?.expectedAmountVnd).toBe(50000);
  });
});

const requestsArb = fc
  .uniqueArray(fc.stringMatching(/^[A-Z0-9]{8}$/), { minLength: 1, maxLength: 30 })
  .chain((bodies) =>
    fc.tuple(
      fc.constant(bodies.map((b) => `DVC${b}`)),
      fc.array(fc.integer({ min: 1000, max: 50_000_000 }), { minLength: bodies.length, maxLength: bodies.length }),
      fc.array(fc.constantFrom('', ' ', '-', '.', ' - '), { minLength: bodies.length, maxLength: bodies.length }),
    ),
  )
  .map(([codes, amounts, noise]) =>
    codes.map((code, i) => ({ code, amountVnd: amounts[i]!, status: 'pending' as const, noise: noise[i]! })),
  );

/** A statement as a bank would print it for these requests: noise inside the code, lower case, padding. */
function statementFor(requests: readonly { code: string; amountVnd: number; noise: string }[]): StatementLine[] {
  return requests.map((r, i) => ({
    lineNumber: i + 2,
    bookedAt: `2026-11-22T10:${String(i % 60).padStart(2, '0')}:00`,
    amountVnd: r.amountVnd,
    direction: 'credit',
    description: `MBVCB.${1000 + i}.${r.code.slice(0, 5)}${r.noise}${r.code.slice(5).toLowerCase()}.CT tu 0123`,
    reference: `FT${i}`,
  }));
}

describe('matchStatementLines properties', () => {
  it('matches every request of a statement generated from them', () => {
    fc.assert(
      fc.property(requestsArb, (requests) => {
        const r = matchStatementLines(statementFor(requests), lookupOf(requests), format);
        expect(r.unmatched).toEqual([]);
        expect(r.matched.map((m) => m.code).sort()).toEqual(requests.map((q) => q.code).sort());
      }),
    );
  });

  it('gives the same result whatever the order of the lines', () => {
    const extra = fc.array(
      fc.record({
        code: fc.constantFrom('DVCUNKNOWN1', 'nothing', ''),
        amountVnd: fc.integer({ min: 1, max: 100000 }),
        noise: fc.constant(''),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(requestsArb, extra, fc.integer({ min: 0, max: 5 }), fc.nat(), (requests, junk, dupes, seed) => {
        const lines = statementFor([...requests, ...junk]);
        const withDupes = [...lines, ...lines.slice(0, dupes).map((l, i) => ({ ...l, lineNumber: 900 + i }))];
        const shuffled = fc.sample(fc.shuffledSubarray(withDupes, { minLength: withDupes.length }), { seed, numRuns: 1 })[0]!;
        const lookup = lookupOf(requests);
        expect(summary(matchStatementLines(shuffled, lookup, format))).toEqual(
          summary(matchStatementLines(withDupes, lookup, format)),
        );
      }),
    );
  });

  it('reports a changed amount as amount_differs with the expected amount', () => {
    fc.assert(
      fc.property(requestsArb, fc.nat(), fc.integer({ min: -999, max: 999 }).filter((d) => d !== 0), (requests, pick, delta) => {
        const lines = statementFor(requests);
        const at = pick % lines.length;
        lines[at] = { ...lines[at]!, amountVnd: lines[at]!.amountVnd + delta };
        const r = matchStatementLines(lines, lookupOf(requests), format);
        expect(r.matched).toHaveLength(requests.length - 1);
        expect(r.unmatched).toEqual([
          { line: lines[at], reason: 'amount_differs', code: requests[at]!.code, expectedAmountVnd: requests[at]!.amountVnd },
        ]);
      }),
    );
  });
});
