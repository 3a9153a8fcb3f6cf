/**
 * Masks personal data before anything is stored for mediators or written to logs: e-mails, IBANs,
 * social security numbers (NIR), 13-digit tax numbers, phone numbers (libphonenumber-js), other
 * long numbers, and whatever follows "mot de passe" / "code". The mask says what it hid, so a
 * mediator still understands ("mon numéro fiscal est [n° fiscal]").
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

const RULES: Array<[RegExp, string]> = [
  // A secret after its name: "mot de passe : …", "mdp est …", or a word with a digit ("code 4589"), not "code par SMS".
  [/\b(mot\s*de\s*passe|mdp|password|passwd|code\s*(?:secret|pin|confidentiel)?|pin)\b(\s*(?:est|c'est|is|:|=)\s*)(\S+)/gi, '$1$2[masqué]'],
  [/\b(mot\s*de\s*passe|mdp|password|passwd|code\s*(?:secret|pin|confidentiel)?|pin)\b(\s+)(\S*\d\S*)/gi, '$1$2[masqué]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[e-mail]'],
  [/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi, '[IBAN]'],
  [/\b[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2A|2B)[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?\b/gi, '[n° sécu]'],
  [/\b\d{2}[ .]?\d{2}[ .]?\d{3}[ .]?\d{3}[ .]?\d{3}\b/g, '[n° fiscal]'],
];

/** Nothing to mask without 6 digits, an "@" or a word announcing a secret (the common case, kept fast). */
const MAYBE_PERSONAL = /\d(?:\D{0,3}\d){5}|@|passe|mdp|password|passwd|code|pin/i;

export function maskPersonalData(text: string): string {
  if (!MAYBE_PERSONAL.test(text)) return text;
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  const phones = findPhoneNumbersInText(out, 'FR');
  for (const p of phones.reverse()) out = `${out.slice(0, p.startsAt)}[téléphone]${out.slice(p.endsAt)}`;
  return out.replace(/\d{9,}/g, '[numéro]');
}

/** True when masking changed something (the bot then reminds the citizen not to share such data). */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
