/**
 * A thumbs up, a tick, "OK" as an emoji — the way many people answer a yes/no question on a phone — read as a
 * yes; a thumbs down or a cross as a no. Only a message made of such emoji (and spaces, skin tones,
 * variation selectors): "👍" or "✅✅", never an emoji inside words.
 */
const YES = /^(?:\u{1F44D}|\u{1F44C}|\u2705|\u2714|\u{1F197})$/u;
const NO = /^(?:\u{1F44E}|\u274C|\u2716|\u{1F6AB}|\u26D4|\u274E)$/u;
const DECORATION = /[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\s]/gu;

export function emojiAnswer(text: string): 'yes' | 'no' | undefined {
  const symbols = [...text.replace(DECORATION, '')];
  if (symbols.length === 0) return undefined;
  if (symbols.every((c) => YES.test(c))) return 'yes';
  if (symbols.every((c) => NO.test(c))) return 'no';
  return undefined;
}

/** A shrug: "I don't know". */
const SHRUG = /^(?:\u{1F937})$/u;
/** A question mark, a thinking or puzzled face: "I don't follow". */
const PUZZLED = /^(?:\?|\u2753|\u2754|\u{1F914}|\u{1F615}|\u{1F9D0}|\u{1F928}|\u{1F62E})$/u;

/**
 * "?", "???", "🤔", "❓": the citizen does not follow ('puzzled'); "🤷": they do not know ('shrug'). Only a message made
 * of such signs (a question mark may come with a puzzled face): a guide's question then takes it as the words.
 */
export function puzzledSign(text: string): 'puzzled' | 'shrug' | undefined {
  const symbols = [...text.replace(DECORATION, '').replace(/[!.…]/g, '')];
  if (symbols.length === 0 || symbols.length > 6) return undefined;
  if (symbols.every((c) => SHRUG.test(c) || c === '?') && symbols.some((c) => SHRUG.test(c))) return 'shrug';
  if (symbols.every((c) => PUZZLED.test(c))) return 'puzzled';
  return undefined;
}
