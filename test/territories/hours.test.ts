/**
 * Paris wall time (territories/hours.ts), which guides (`when`), opening hours and callbacks read: one
 * formatter for the process and the last minute's fields remembered must give the same answers as before,
 * across a minute, a day and the changes of summer time.
 */
import { fromParisWall, parisFields, parisWall } from '../../src/territories/hours';

describe('parisFields', () => {
  test('wall-clock fields in Paris, winter and summer', () => {
    expect(parisFields(new Date('2026-01-15T10:30:00Z'))).toEqual({ y: 2026, mo: 1, d: 15, h: 11, mi: 30, wd: 4 });
    expect(parisFields(new Date('2026-07-14T22:59:59Z'))).toEqual({ y: 2026, mo: 7, d: 15, h: 0, mi: 59, wd: 3 });
  });

  test('within a minute the same fields; the next minute, the next ones; a caller cannot change them for the next', () => {
    const a = parisFields(new Date('2026-12-31T22:59:00.100Z'));
    a.h = 99;
    expect(parisFields(new Date('2026-12-31T22:59:59.900Z'))).toEqual({ y: 2026, mo: 12, d: 31, h: 23, mi: 59, wd: 4 });
    expect(parisFields(new Date('2026-12-31T23:00:00.000Z'))).toEqual({ y: 2027, mo: 1, d: 1, h: 0, mi: 0, wd: 5 });
  });

  test('around the change to summer time (29 March 2026, 02:00 → 03:00)', () => {
    expect(parisFields(new Date('2026-03-29T00:59:00Z'))).toMatchObject({ h: 1, mi: 59 });
    expect(parisFields(new Date('2026-03-29T01:00:00Z'))).toMatchObject({ h: 3, mi: 0 });
    expect(fromParisWall(parisWall(new Date('2026-03-29T01:30:00Z'))).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
