/**
 * Every French text the bot says, for the voice tests (botVoice, citizenVoice): locales/fr.yaml and widget.fr.yaml,
 * and each `fr:` text of dialogs/*.yaml. Left out:
 * - understanding phrasings: lists (a guide's `phrasings`, `keywords`, `alsoMeans`, `_answers.yaml`) and the locale
 *   keys ending in "Words" ("rappel|etre rappele|…"): they are what citizens write;
 * - answer `label`s: the citizen's own reply in a button ("Je suis dans mon compte"), not the bot speaking;
 * - replies.fr.yaml: what a mediator, a person, may send.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

export type Text = { where: string; text: string };

/** Every string value of a locale file, by its dotted key, except understanding word lists (keys ending in "Words"). */
function localeTexts(file: string): Text[] {
  const out: Text[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node === 'string') {
      if (!/Words$/.test(path[path.length - 1] ?? '')) out.push({ where: `locales/${file}: ${path.join('.')}`, text: node });
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(parse(readFileSync(join(LOCALES_DIR, file), 'utf8')), []);
  return out;
}

/** Every `fr:` text (a string, not a list of phrasings) of a dialog file, except the citizen's answer labels. */
function dialogTexts(file: string): Text[] {
  const out: Text[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (node && typeof node === 'object') {
      const fr = (node as { fr?: unknown }).fr;
      if (typeof fr === 'string' && path[path.length - 1] !== 'label') out.push({ where: `dialogs/${file}: ${path.join('.')}`, text: fr });
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(parse(readFileSync(join(DIALOGS_DIR, file), 'utf8')), []);
  return out;
}

export function frenchBotTexts(): Text[] {
  return [
    ...localeTexts('fr.yaml'),
    ...localeTexts('widget.fr.yaml'),
    ...readdirSync(DIALOGS_DIR).filter((f) => f.endsWith('.yaml')).sort().flatMap(dialogTexts),
  ];
}
