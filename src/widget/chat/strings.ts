/**
 * UI strings of the widget (locales/widget.fr.yaml and widget.en.yaml). The key list is shared by
 * the server (which loads and checks the files) and the chat frame (which only formats).
 */
export const WIDGET_STRING_KEYS = [
  'launcher', 'frameTitle', 'panelLabel', 'unread', 'pageTitle', 'brand',
  'close', 'closeLabel', 'switchLang', 'switchLangLabel', 'switchCommand',
  'smaller', 'smallerLabel', 'bigger', 'biggerLabel', 'mediator', 'mediatorCommand',
  'log', 'bot', 'you', 'choices', 'newWindow', 'typing',
  'inputLabel', 'inputHint', 'send', 'photo', 'photoSent', 'photoSending', 'photoTooBig', 'photoBadType', 'photoFailed',
  'connecting', 'offline', 'sendFailed', 'tooFast', 'restarted', 'empty', 'noscript', 'notFoundTitle', 'notFound',
  'end', 'endQuestion', 'endYes', 'endNo', 'ended', 'endFailed', 'photoLimit', 'photoLater',
  'privacyLink', 'unreadOne', 'menu', 'menuLabel', 'textSize', 'mediatorShort',
  'mediatorTyping',
  'listen', 'listenLabel', 'readAll', 'speakChoices', 'speakChoice', 'waiting',
] as const;
export type WidgetStringKey = (typeof WIDGET_STRING_KEYS)[number];
export type WidgetLocale = 'fr' | 'en';
export type StringTable = Record<string, string>;
export type WidgetStrings = Record<WidgetLocale, StringTable>;

/** "{n} nouveaux messages" → with the values; unknown placeholders stay as they are. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
