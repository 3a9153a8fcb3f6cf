/** The time shown beside each message in the console (src/mediator/console/time.ts). */
import { timeLabels } from '../../src/mediator/console/time';

describe('message times', () => {
  test('today: the hour only; another day: the date before it; the full form for the tooltip', () => {
    const now = new Date(2026, 11, 2, 15, 0).getTime(); // local time of the machine, as in the browser
    expect(timeLabels(new Date(2026, 11, 2, 9, 5).getTime(), 'fr', now)).toEqual({ short: '09:05', full: 'mercredi 2 décembre 2026 à 09:05' });
    expect(timeLabels(new Date(2026, 10, 27, 14, 32).getTime(), 'fr', now).short).toBe('27 nov. 14:32');
    expect(timeLabels(new Date(2026, 10, 27, 14, 32).getTime(), 'en', now).short).toBe('27 Nov 14:32');
  });
});
