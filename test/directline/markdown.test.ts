/**
 * Web chat messages are markdown (links work in Microsoft's Web Chat, paragraphs are paragraphs) in
 * which nothing a citizen, a mediator or an author typed is active but a visible web link; SMS stays
 * plain text. Our widget reads that markdown back to the same text and links.
 */
import fc from 'fast-check';
import { capabilitiesOf } from '../../src/channels/capabilities';
import { formatText, render, toMarkdown } from '../../src/channels/render';
import { toActivity } from '../../src/conversation/message';
import { MemoryActivityLog } from '../../src/channels/directline/activityLog';
import { DirectLineDelivery } from '../../src/channels/directline/delivery';
import { markdownPieces } from '../../src/widget/chat/markdown';

/** Markdown rendered as Microsoft's Web Chat 4.18 does (markdown-it 13: HTML on, linkify, typographer). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(markdown: string): string };
const webChat = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

const ATTACKS = [
  '[cliquez ici](https://arnaque.example/login)',
  '[x](javascript:alert(1))',
  '![](https://tracker.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="https://arnaque.example">impots.gouv.fr</a>',
  '**urgent** _vite_ `code` ~~barré~~',
  '# Titre',
  '> citation',
  '1. premier',
  '- puce',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '&lt;b&gt;',
  '{aria-label="faux"} texte',
  '⟬aria-label="faux"⟭ texte',
  '[ref]: https://arnaque.example\n[ref]',
  'ligne\n===',
  '    code indenté',
];

describe('markdown for the web chat', () => {
  it('the capability table decides: markdown on the web chat, plain text on SMS and elsewhere', () => {
    expect(capabilitiesOf('directline').textFormat).toBe('markdown');
    for (const channel of ['sms', 'whatsapp', 'telegram', 'http', 'terminal']) expect(capabilitiesOf(channel).textFormat ?? 'plain').toBe('plain');
    const text = 'Allez sur https://www.impots.gouv.fr.\n1 Oui\n2 Non';
    expect(formatText(text, capabilitiesOf('sms'))).toEqual({ text, textFormat: 'plain' });
    expect(render([toActivity({ text: '**x** https://a.fr' })], capabilitiesOf('sms'))[0].text).toBe('**x** https://a.fr');
  });

  it('links are links, lines are lines, blank lines are paragraphs', () => {
    const md = toMarkdown("Bonjour !\n\nAllez sur https://www.impots.gouv.fr/accueil. C'est gratuit.\n1 Oui\n2 Non");
    expect(md).toBe("Bonjour !\n\nAllez sur <https://www.impots.gouv.fr/accueil>. C'est gratuit.\\\n1 Oui\\\n2 Non");
    const html = webChat.render(md);
    expect(html).toContain('<a href="https://www.impots.gouv.fr/accueil">https://www.impots.gouv.fr/accueil</a>');
    expect(html.match(/<p>/g)).toHaveLength(2);
    expect(html.match(/<br \/>/g)).toHaveLength(2);
  });

  it.each(ATTACKS)('%j typed by anyone stays text: no link but visible URLs, no image, no HTML, no formatting', (attack) => {
    const md = toMarkdown(`Conseiller : ${attack}`);
    // What Web Chat turns into attributes before markdown-it runs (its ariaLabel plugin's own patterns).
    expect(md).not.toMatch(/\{\s*aria-label()\s*\}|\{\s*aria-label=("[^"]*"|[^\s}]*)\s*\}|[\u27ec\u27ed]/i);
    const html = webChat.render(md);
    const tags = [...html.matchAll(/<([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase());
    expect(tags.filter((t) => !['p', 'br', 'a'].includes(t))).toEqual([]);
    // A link only ever shows its own address.
    for (const m of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) expect(m[2]).toBe(m[1]);
  });

  it('whatever the text, the widget reads the markdown back to the same words (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab \n\\`*_[]()<>#+-.!|~&={}:/1é\'"'.split('')), maxLength: 60 }), (text) => {
        const expected = text
          .replace(/\u27ec/g, '(')
          .replace(/\u27ed/g, ')')
          .split(/\n[ \t]*\n/)
          .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'))
          .filter((p) => p !== '')
          .join('\n\n');
        const pieces = markdownPieces(toMarkdown(text));
        expect(pieces.map((p) => p.text).join('')).toBe(expected);
        expect(pieces.every((p) => !p.href)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(markdownPieces(toMarkdown('Voir https://a.fr/x?y=1&z=2.'))).toEqual([
      { text: 'Voir ' },
      { text: 'https://a.fr/x?y=1&z=2', href: 'https://a.fr/x?y=1&z=2' },
      { text: '.' },
    ]);
  });

  it("a mediator's words relayed to the web chat are escaped markdown", async () => {
    const log = new MemoryActivityLog(3600);
    await log.create({ conversationId: 'c1', territory: 'demo', userId: 'dl_u', createdAt: 0 });
    await new DirectLineDelivery(log).deliver({ conversation: { id: 'c1' } as never, user: { id: 'dl_u', name: '' } }, [
      toActivity({ text: 'Conseiller : **cliquez** [ici](https://arnaque.example)', speaker: 'mediator' }),
    ]);
    const [a] = (await log.since('c1', 0)).activities;
    expect(a.from?.role).toBe('mediator');
    expect(a.textFormat).toBe('markdown');
    expect(a.text).toBe('Conseiller : \\*\\*cliquez\\*\\* \\[ici\\](<https://arnaque.example>)');
    expect(webChat.render(a.text!)).not.toMatch(/<strong|>ici</);
  });
});
