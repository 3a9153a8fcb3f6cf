import { emojiAnswer } from '../../src/text/emojiAnswer';

describe('emojiAnswer: a thumbs up is a yes, a thumbs down a no', () => {
  it('reads the yes and no emoji, with skin tones and variation selectors', () => {
    expect(emojiAnswer('👍')).toBe('yes');
    expect(emojiAnswer(' 👍🏿 ')).toBe('yes');
    expect(emojiAnswer('✅✅')).toBe('yes');
    expect(emojiAnswer('✔️')).toBe('yes');
    expect(emojiAnswer('👎🏻')).toBe('no');
    expect(emojiAnswer('❌')).toBe('no');
  });
  it('leaves everything else alone: words, mixed emoji, other emoji', () => {
    for (const text of ['oui 👍', '👍👎', '😀👍🙏', '🙏', '😊', '', ' ', 'ok']) expect(emojiAnswer(text)).toBeUndefined();
  });
});
