/**
 * Activities read back from a conversation's log get their photos' URLs signed again. Whatever else was stored
 * (an activity from before attachments were checked on the way in) must come back as it is, never break the read.
 */
import type { Activity } from 'botbuilder';
import { TokenService } from '../../src/channels/directline/tokens';
import { signedFileUrl, withFreshFileUrls } from '../../src/channels/directline/fileUrls';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('withFreshFileUrls', () => {
  let now = 1_800_000_000_000;
  const tokens = new TokenService(SECRET, 1800, () => now);

  test("a photo's URL is signed again from now; other activities are the same objects", () => {
    const url = signedFileUrl(tokens, 'https://pasapas.example', 'c1', 'f1');
    const photo = { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: url, thumbnailUrl: url }] } as Partial<Activity>;
    const text = { type: 'message', text: 'bonjour' } as Partial<Activity>;
    now += 3_600_000;
    const [fresh, same] = withFreshFileUrls(tokens, [photo, text]);
    expect(same).toBe(text);
    expect(fresh.attachments?.[0].contentUrl).not.toBe(url);
    expect(fresh.attachments?.[0].contentUrl?.split('?')[0]).toBe(url.split('?')[0]);
  });

  test('attachments of any other shape are read back as stored, without an error', () => {
    const odd = [
      { type: 'message', attachments: 'x' },
      { type: 'message', attachments: { contentUrl: 'https://example.org' } },
      { type: 'message', attachments: [null, 42, 'y', { contentType: 'text/plain' }] },
    ] as unknown as Array<Partial<Activity>>;
    expect(withFreshFileUrls(tokens, odd)).toEqual(odd);
  });
});
