/** The languages the bot speaks to citizens (French first). Owned here, at the bottom of the layers. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A culture tag ("fr-FR", "en-US", "en") → the language we speak; no tag → `fallback`. The one reading of a tag. */
export function localeOfTag(tag: string | undefined, fallback: Locale): Locale {
  if (!tag) return fallback;
  return tag.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
