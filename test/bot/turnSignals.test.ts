/** The signals of a turn come from a memo for short messages (src/bot/turnSignals.ts): the same as reading them. */
import { detectSignals } from '../../src/nlu/signals';
import { signalsOf } from '../../src/bot/turnSignals';

describe('signals of a turn', () => {
  const texts = ['1', 'menu', 'impots', 'merci beaucoup', 'je suis perdue', 'on m a demandé mon code par sms', 'je veux parler à quelqu un', `${'très '.repeat(20)}compliqué`];

  it('are what detectSignals reads, the first time and the next ones', () => {
    for (const t of [...texts, ...texts]) expect(signalsOf(t)).toEqual(detectSignals(t));
  });

  it('each turn gets its own copy', () => {
    const a = signalsOf('je suis perdue');
    expect(a.length).toBeGreaterThan(0);
    a.push({ kind: 'bye', strength: 'strong' });
    a[0].strength = 'weak';
    expect(signalsOf('je suis perdue')).toEqual(detectSignals('je suis perdue'));
  });
});
