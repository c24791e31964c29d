import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listed, sek, wholeNumber } from '../../shared/domain/vocabulary.ts';

/**
 * Amounts and lists are written out in shared/domain/vocabulary.ts instead of with Intl (whose
 * first formatter loads ICU's locale data at a cold start); they must read exactly as Intl writes
 * them in Swedish.
 */
const intlWhole = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const intlAnd = new Intl.ListFormat('sv', { type: 'conjunction' });

describe('Swedish numbers and lists, as Intl writes them', () => {
  it('writes whole kronor with no-break spaces between the groups and a true minus sign', () => {
    expect(sek(1_250_000)).toBe('1\u00a0250\u00a0000 kr');
    expect(wholeNumber(-5000)).toBe('\u22125\u00a0000');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e12, max: 1e12 }),
          fc.double({ min: -1e16, max: 1e16, noNaN: true }),
          fc.constantFrom(0, -0, 0.5, -0.5, 2.5, -2.5, 999.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER),
        ),
        (n) => {
          expect(wholeNumber(n)).toBe(intlWhole.format(n));
        },
      ),
      { numRuns: 5000 },
    );
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(wholeNumber(n)).toBe(intlWhole.format(n));
  });

  it('joins a list with commas and "och" before the last', () => {
    expect(listed(['lokaler', 'förtäring', 'resor'])).toBe('lokaler, förtäring och resor');
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 6 }), (words) => {
        expect(listed(words)).toBe(intlAnd.format(words));
      }),
      { numRuns: 2000 },
    );
  });
});
