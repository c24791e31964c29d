import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, addDuration, daysBetween, isoWeek, stockholmDate } from '../../shared/domain/dates.ts';

/**
 * The date rules are written out (shared/domain/dates.ts) instead of bundling a Temporal polyfill
 * into every function; here they must agree with Temporal itself on any date from the year 1000 to 9000,
 * any duration the programme rules allow and any instant.
 */

const day = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const duration = fc
  .tuple(fc.boolean(), fc.nat(999), fc.constantFrom('D', 'W', 'M', 'Y'))
  .map(([negative, n, unit]) => `${negative ? '-' : ''}P${n}${unit}`);

const plain = (iso: string) => Temporal.PlainDate.from(iso);

describe('calendar dates agree with Temporal', () => {
  it('adds durations as Temporal does (months clamped to the month’s last day)', () => {
    fc.assert(
      fc.property(day, duration, (from, offset) => {
        expect(addDuration(from, offset)).toBe(plain(from).add(Temporal.Duration.from(offset)).toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('adds days and counts the days between two dates', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: -5000, max: 5000 }), (a, b, n) => {
        expect(addDays(a, n)).toBe(plain(a).add({ days: n }).toString());
        expect(daysBetween(a, b)).toBe(plain(a).until(plain(b), { largestUnit: 'days' }).days);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the ISO week (Monday first, week 1 holds the first Thursday)', () => {
    fc.assert(
      fc.property(day, (iso) => {
        const d = plain(iso);
        expect(isoWeek(iso)).toBe(`${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, '0')}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the Stockholm day of any instant since 1996, as the IANA zone database says', () => {
    const instant = fc.date({
      min: new Date('1996-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (at) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(at.getTime())
          .toZonedDateTimeISO('Europe/Stockholm')
          .toPlainDate()
          .toString();
        expect(stockholmDate(at)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('switches to and from summer time at 01:00 UTC on the last Sundays of March and October', () => {
    const stockholm = (at: Date) =>
      Temporal.Instant.fromEpochMilliseconds(at.getTime())
        .toZonedDateTimeISO('Europe/Stockholm')
        .toPlainDate()
        .toString();
    for (let year = 1996; year <= 2100; year++) {
      // At each switch, and at the local midnights before and after it (22:00 and 23:00 UTC), where
      // a wrong offset would give the wrong day.
      const zone = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toZonedDateTime('Europe/Stockholm');
      const switches = [
        zone.getTimeZoneTransition('next'),
        zone.getTimeZoneTransition('next')?.getTimeZoneTransition('next'),
      ];
      for (const change of switches) {
        expect(change, `two switches in ${year}`).toBeTruthy();
        const ms = (change as Temporal.ZonedDateTime).epochMilliseconds;
        for (const hours of [-4, -3, -2, -1, 0, 1, 21, 22, 23]) {
          for (const delta of [hours * 3_600_000 - 1, hours * 3_600_000]) {
            const at = new Date(ms + delta);
            expect(stockholmDate(at), at.toISOString()).toBe(stockholm(at));
          }
        }
      }
    }
  });

  it('refuses what is not a calendar date or a duration, as Temporal does', () => {
    for (const bad of ['2015-02-29', '2015-13-01', '2015-00-10', '15-01-01', '2015-1-1', ''])
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
    for (const bad of ['P', '3M', 'P3X', 'PT3H', 'P-3M'])
      expect(() => addDuration('2015-01-31', bad), bad).toThrow(RangeError);
  });
});
