/** Pure helpers of the widget: linkifier, contrast, strings, token claim, persistence, page HTML. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { safeHref, splitLinks } from '../../src/widget/chat/linkify';
import { contrastRatio, luminance, safeColor, textColorOn } from '../../src/widget/chat/contrast';
import { format, WIDGET_STRING_KEYS } from '../../src/widget/chat/strings';
import { Persisted, userIdOf, type KeyValue } from '../../src/widget/chat/session';
import type { ChatConfig } from '../../src/widget/chat/config';
import { chatPage, demoPage, escapeHtml, loadWidgetStrings, notFoundPage, scriptJson } from '../../src/widget/pages';
import { LOCALES_DIR } from '../../src/paths';
import { sentences, spokenParts } from '../../src/widget/chat/speech';

describe('splitLinks', () => {
  it('turns http and https URLs into links, without the trailing punctuation', () => {
    expect(splitLinks('Allez sur https://www.impots.gouv.fr. Puis http://ameli.fr/assure, merci !')).toEqual([
      { text: 'Allez sur ' },
      { text: 'https://www.impots.gouv.fr', href: 'https://www.impots.gouv.fr/' },
      { text: '. Puis ' },
      { text: 'http://ameli.fr/assure', href: 'http://ameli.fr/assure' },
      { text: ', merci !' },
    ]);
    expect(splitLinks('(voir https://www.service-public.fr/particuliers?x=1&y=2)')).toEqual([
      { text: '(voir ' },
      { text: 'https://www.service-public.fr/particuliers?x=1&y=2', href: 'https://www.service-public.fr/particuliers?x=1&y=2' },
      { text: ')' },
    ]);
  });

  it('never links another scheme', () => {
    const texts = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(document.cookie)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org',
      '<a href="javascript:alert(1)">clic</a>',
      'https:/missing-slash.fr',
      'www.impots.gouv.fr',
      'mailto:x@y.fr',
    ];
    for (const t of texts) {
      const pieces = splitLinks(t);
      expect(pieces.filter((p) => p.href)).toEqual([]);
      expect(pieces.map((p) => p.text).join('')).toBe(t);
    }
  });

  it('only ever produces http(s) hrefs and loses no text', () => {
    const tricky = [
      'javascript:alert("https://evil.example")',
      'https://x.fr"><script>alert(1)</script>',
      "https://x.fr'onmouseover='alert(1)",
      'http://<img src=x onerror=alert(1)>',
      'https://a.fr https://b.fr\nhttp://c.fr',
      'https://',
      'https://.',
      'texte sans lien',
      '',
    ];
    for (const t of tricky) {
      const pieces = splitLinks(t);
      expect(pieces.map((p) => p.text).join('')).toBe(t);
      for (const p of pieces.filter((x) => x.href)) {
        expect(p.href).toMatch(/^https?:\/\/[^\s<>"']+$/);
        expect(p.text).not.toMatch(/[<>"']/);
      }
    }
    expect(splitLinks('https://a.fr https://b.fr\nhttp://c.fr').filter((p) => p.href)).toHaveLength(3);
    expect(splitLinks('')).toEqual([]);
  });

  it('safeHref accepts http(s) only', () => {
    expect(safeHref('https://ants.gouv.fr')).toBe('https://ants.gouv.fr/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('pas une url')).toBeNull();
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#000091', '#ffffff')).toBeGreaterThan(14);
    expect(luminance('#ffffff')).toBeCloseTo(1, 5);
    expect(luminance('rouge')).toBeNaN();
  });

  it('picks black or white text so that every territory colour reaches 4.5:1', () => {
    expect(textColorOn('#000091')).toBe('#ffffff');
    expect(textColorOn('#ffd700')).toBe('#000000');
    expect(textColorOn('#e1000f')).toBe('#ffffff');
    let worst = 21;
    for (let r = 0; r < 256; r += 15) {
      for (let g = 0; g < 256; g += 15) {
        for (let b = 0; b < 256; b += 15) {
          const hex = `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
          worst = Math.min(worst, contrastRatio(hex, textColorOn(hex)));
        }
      }
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it('falls back on a bad colour', () => {
    expect(safeColor('#12ab9F')).toBe('#12ab9F');
    expect(safeColor('red;background:url(x)')).toBe('#000091');
    expect(safeColor(undefined)).toBe('#000091');
  });
});

describe('widget strings', () => {
  it('loads both locales with every key, and no key that is not declared', () => {
    const s = loadWidgetStrings();
    for (const locale of ['fr', 'en'] as const) {
      expect(Object.keys(s[locale]).sort()).toEqual([...WIDGET_STRING_KEYS].sort());
      const raw = Object.keys(parse(readFileSync(join(LOCALES_DIR, `widget.${locale}.yaml`), 'utf8')) as object);
      expect(raw.sort()).toEqual([...WIDGET_STRING_KEYS].sort());
    }
    expect(s.fr.launcher).toBe("Besoin d'aide pour une démarche ?");
    expect(s.fr.switchCommand).toBe('english');
    expect(s.en.switchCommand).toBe('français');
  });

  it('refuses a file with a missing key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasapas-strings-'));
    try {
      writeFileSync(join(dir, 'widget.fr.yaml'), readFileSync(join(LOCALES_DIR, 'widget.fr.yaml'), 'utf8').replace(/^send:.*$/m, ''));
      writeFileSync(join(dir, 'widget.en.yaml'), readFileSync(join(LOCALES_DIR, 'widget.en.yaml'), 'utf8'));
      expect(() => loadWidgetStrings(dir)).toThrow(/widget\.fr\.yaml: missing or empty: send/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats placeholders', () => {
    expect(format('{n} nouveau(x) message(s)', { n: 3 })).toBe('3 nouveau(x) message(s)');
    expect(format('Pas à pas — {name} {other}', { name: 'Creuse' })).toBe('Pas à pas — Creuse {other}');
  });
});

describe('session', () => {
  const jwt = (payload: object) =>
    ['{"alg":"HS256"}', JSON.stringify(payload)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.sig';

  it('reads the user claim of a token', () => {
    expect(userIdOf(jwt({ user: 'dl_abc-_x', conv: 'c1' }))).toBe('dl_abc-_x');
    expect(userIdOf(jwt({ user: 'é' + 'x'.repeat(5) }))).not.toBeNull();
    expect(userIdOf(jwt({ conv: 'c1' }))).toBeNull();
    expect(userIdOf('not a token')).toBeNull();
    expect(userIdOf('')).toBeNull();
  });

  it('persists per territory and survives a missing or throwing storage', () => {
    const map = new Map<string, string>();
    const store: KeyValue = {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
    const a = new Persisted(store, 'pasapas:demo');
    const b = new Persisted(store, 'pasapas:creuse');
    const s = { token: 't', conversationId: 'c', userId: 'u', watermark: '4', expiresAt: 123 };
    a.saveSession(s);
    a.saveTextSize(3);
    expect(a.session()).toEqual(s);
    expect(a.textSize()).toBe(3);
    expect(b.session()).toBeNull();
    a.saveSession(null);
    expect(a.session()).toBeNull();
    map.set('pasapas:demo:session', '{broken');
    expect(a.session()).toBeNull();
    map.set('pasapas:demo:session', JSON.stringify({ token: 1 }));
    expect(a.session()).toBeNull();

    // The session in one store (sessionStorage), the text size in the other (localStorage); an old
    // session left in localStorage by an earlier widget is removed, never read.
    const tab = new Map<string, string>();
    const kept = new Map<string, string>([['pasapas:demo:session', JSON.stringify(s)]]);
    const kv = (m: Map<string, string>): KeyValue => ({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) });
    const split = new Persisted(kv(tab), 'pasapas:demo', kv(kept));
    expect(split.session()).toBeNull();
    split.dropLegacySession();
    expect(kept.has('pasapas:demo:session')).toBe(false);
    split.saveSession(s);
    split.saveTextSize(2);
    expect([...tab.keys()]).toEqual(['pasapas:demo:session']);
    expect([...kept.keys()]).toEqual(['pasapas:demo:size']);

    // The messages waiting for the network: with the session (this tab only), forgotten with it.
    const waiting = [{ text: 'impots', id: 'pp-a', typed: true }, { text: 'Oui', id: 'pp-b', typed: false }];
    split.saveWaiting(waiting);
    expect(split.waiting()).toEqual(waiting);
    expect(kept.has('pasapas:demo:outbox')).toBe(false);
    split.saveWaiting([]);
    expect(tab.has('pasapas:demo:outbox')).toBe(false);
    split.saveWaiting(waiting);
    split.saveSession(null);
    expect(split.waiting()).toEqual([]);
    tab.set('pasapas:demo:outbox', JSON.stringify([{ text: 'ok', id: 'pp-c' }, { text: 5, id: 'x' }, null, { text: 'no id' }]));
    expect(split.waiting()).toEqual([{ text: 'ok', id: 'pp-c', typed: false }]);
    tab.set('pasapas:demo:outbox', '{broken');
    expect(split.waiting()).toEqual([]);

    const none = new Persisted(null, 'p');
    none.saveSession(s);
    expect(none.session()).toBeNull();
    const boom = () => {
      throw new Error('SecurityError');
    };
    const throwing = new Persisted({ getItem: boom, setItem: boom, removeItem: boom }, 'p');
    expect(() => throwing.saveSession(s)).not.toThrow();
    expect(throwing.session()).toBeNull();
    expect(throwing.textSize()).toBe(0);
  });
});

describe('pages', () => {
  const strings = loadWidgetStrings();
  const evil = '</script><script>alert(1)</script><!--';
  const cfg: ChatConfig = {
    territory: { id: 'demo', name: `Territoire ${evil}`, primaryColor: '#000091' },
    apiBase: '/v3/directline',
    locale: 'fr',
    parentOrigin: 'http://127.0.0.1:1234',
    embed: true,
    strings,
  };

  it('escapes HTML and JSON for a script element', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
    const json = scriptJson({ s: evil, l: '\u2028' });
    expect(json).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(json)).toEqual({ s: evil, l: '\u2028' });
  });

  it('renders the chat frame with its configuration and no injected markup', () => {
    const html = chatPage(cfg);
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    const json = /<script type="application\/json" id="pasapas-config">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(cfg);
    expect(html).toContain('<link rel="stylesheet" href="/static/chat-style.css">');
    expect(html).toContain('<script src="/static/chat.js" defer></script>');
    expect(html).toContain('id="pp-close"');
    expect(html).toContain('<label for="pp-input"');
    expect(html).toContain('role="log" aria-live="polite"');
    expect(html).toContain('accept="image/jpeg,image/png"');
    expect(chatPage({ ...cfg, embed: false })).not.toContain('id="pp-close"');
    expect(chatPage({ ...cfg, parentOrigin: null })).not.toContain('id="pp-close"');
    expect(chatPage({ ...cfg, locale: 'en' })).toContain('<html lang="en">');
  });

  it('renders the demo territory website with the one-line tag', () => {
    const html = demoPage({ publicBaseUrl: 'https://pasapas.example/', territory: { id: 'demo', name: 'Territoire de démonstration' }, nonce: 'abc' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Territoire de démonstration');
    expect(html).toContain('<script nonce="abc" src="https://pasapas.example/widget.js" data-territory="demo" async></script>');
    expect(html).toContain('<style nonce="abc">');
    expect(demoPage({ publicBaseUrl: 'http://h', territory: 'demo' })).toContain('<script src="http://h/widget.js" data-territory="demo" async></script>');
  });

  it('renders a kind not-found page', () => {
    const html = notFoundPage(strings.fr);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Page introuvable');
  });
});

describe('what is read aloud (speech.ts)', () => {
  const labels = { choices: 'Réponses possibles :', choice: '{n} : {label}.' };

  it('cuts a message into sentences, says a link by its site, and the answers with their numbers', () => {
    const parts = spokenParts(splitLinks("Étape 1 sur 4. Allez sur https://www.impots.gouv.fr/accueil. C'est bon ?"), [{ label: 'Oui' }, { label: 'Non' }, { label: 'Je suis bloqué' }], labels);
    expect(parts).toEqual(['Étape 1 sur 4.', 'Allez sur impots.gouv.fr.', "C'est bon ?", 'Réponses possibles :', '1 : Oui.', '2 : Non.', '3 : Je suis bloqué.']);
  });

  it('says the key the bot understands for an answer when the server gave one, its position otherwise', () => {
    const parts = spokenParts([{ text: 'Que voulez-vous faire ?' }], [{ label: 'Déclarer mes impôts', key: '1' }, { label: 'Sans clé' }, { label: 'Parler à un conseiller', key: '0' }, { label: 'Clé étrange', key: '<b>' }, { label: 'Pas une clé', key: 7 }], labels);
    expect(parts).toEqual(['Que voulez-vous faire ?', 'Réponses possibles :', '1 : Déclarer mes impôts.', '2 : Sans clé.', '0 : Parler à un conseiller.', '4 : Clé étrange.', '5 : Pas une clé.']);
  });

  it('says the words given for a link instead of its site', () => {
    const parts = spokenParts(splitLinks('Vos droits : https://pasapas.example/confidentialite'), [], labels, () => 'Lire la page sur vos données');
    expect(parts).toEqual(['Vos droits : Lire la page sur vos données']);
  });

  it('keeps every word of a long sentence, in pieces of at most 220 characters, and drops lone punctuation', () => {
    const long = Array.from({ length: 80 }, (_, i) => `mot${i}`).join(' ');
    const pieces = sentences(`${long}.\n…\n`);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(220);
    expect(pieces.join(' ')).toBe(`${long}.`);
  });
});
