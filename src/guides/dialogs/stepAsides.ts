/**
 * Sentences said at a step that carry their own meaning but answer nothing on screen (src/guides/guideDialog.ts):
 * a code that did not come ("j'ai pas reçu le code": what to do about it, then the same question; again, a person),
 * not knowing how with the password at a login step (the password's help; the step's own help comes first), and a
 * negated sentence about something the question does not ask ("je n'ai pas de chéquier" at "Le site accepte votre
 * RIB ?": said once per step what the question is about, then the question again — never its "Non"), and a button
 * not found ("je trouve pa le bouton": where it is on this step, a person offered).
 */
import type { ChoiceOption } from '../../conversation/choice';
import type { Locale } from '../../i18n/locale';
import type { StringKey, Strings } from '../../i18n/strings';
import { saysCodeNotReceived } from '../../nlu/codeNotReceived';
import { saysStuckHow } from '../../nlu/dontKnowHow';
import { saysButtonNotFound } from '../../nlu/buttonNotFound';
import { plainText } from '../../nlu/plainText';
import type { Step } from '../schema';
import type { GuideState } from './guideState';

/**
 * A question about the code or a message received ("Le code est arrivé ?", "Vous avez reçu le message ?") or an answer
 * about it ("Pas de code", "Rien reçu"): it takes such a message.
 */
const ABOUT_CODE = /\b(?:code|codes|sms|texto|text|message|messages|mail|mails|email|e mail|recu|arrive|received|arrived)\b/;

/**
 * "j'ai pas reçu le code" at a step whose question and answers are not about the code (`found`: an answer in other
 * words, which it beats): its help the first time there, a person the next. At a question about the code ("Le code
 * est arrivé ?", the code's own page) that none of its answers took: a person.
 */
export function codeNotReceived(st: GuideState, text: string, question: string, options: ChoiceOption[], found: boolean): 'help' | 'person' | undefined {
  if (st.phase !== 'step' || !st.stepId || !saysCodeNotReceived(text)) return undefined;
  if (ABOUT_CODE.test(plainText(question))) return found ? undefined : 'person';
  if (options.some((o) => ABOUT_CODE.test(plainText(o.label)))) return undefined;
  if (st.codeHelped === st.stepId) return 'person';
  st.codeHelped = st.stepId;
  return 'help';
}

const PASSWORD = /\b(?:mot de passe|mots de passe|mdp|password|passwords|pass word)\b/;
/** A step about logging in (not one where a password is chosen: the e-mail guide's "Le site accepte le mot de passe ?"). */
const LOGIN = /\b(?:connect\w*|connexion|log in|login|logged in|sign in)\b/;
/** A step that has the username typed with the password ("Tapez l'identifiant et le mot de passe de ce compte") logs in too. */
const USERNAME = /\b(?:identifiant|username|user name)\b/;

/**
 * Sites whose code or password works otherwise than the general help says, by the prefix of their guides' ids (the
 * guide knows its site). Only what an official page says (docs/content-sources.md): the impôts code comes by e-mail to
 * the address the tax office knows; the CAF's by e-mail, for 15 minutes; FranceConnect has no password of its own.
 */
const SITE_HELP: { prefix: string; code?: StringKey; password?: StringKey }[] = [
  { prefix: 'impots-', code: 'guide.codeHelpImpots' },
  { prefix: 'caf-', code: 'guide.codeHelpCaf' },
  { prefix: 'franceconnect', password: 'guide.passwordHelpFranceConnect' },
];
const siteHelp = (guideId: string) => SITE_HELP.find((s) => guideId.startsWith(s.prefix));

/** What to do about a code that did not come, for this guide's site (the general help elsewhere). */
export function codeHelp(strings: Strings, guideId: string, locale: Locale): string {
  return strings.t(locale, siteHelp(guideId)?.code ?? 'guide.codeHelp');
}

/** The password's help (this guide's site's), when a stuck-how message names the password and the step is about logging in. */
export function passwordHelp(strings: Strings, guideId: string, step: Step, text: string, locale: Locale): string | undefined {
  if (!saysStuckHow(text) || !PASSWORD.test(plainText(text))) return undefined;
  const stepSays = plainText(`${step.text[locale]} ${step.check?.question?.[locale] ?? ''}`);
  const login = LOGIN.test(stepSays) || (USERNAME.test(stepSays) && PASSWORD.test(stepSays));
  return login ? strings.t(locale, siteHelp(guideId)?.password ?? 'guide.passwordHelp') : undefined;
}

/** What the question is about, said once per step (a second aside there is a miss like any other). */
export function asideOnce(st: GuideState): boolean {
  if (st.phase !== 'step' || !st.stepId || st.aside === st.stepId) return false;
  st.aside = st.stepId;
  return true;
}

/** Steps' sentences that say where to click ("en haut à droite, cliquez sur le bouton …"). */
const CLICK_SENTENCE = /\b(?:bouton|lien|menu|cliquez|touchez|appuyez|button|link|click|tap|press)\b/;
/** An answer that itself says the button is not there ("Non, pas de bouton", "Je ne le vois pas"): that answer. */
const ANSWER_SAYS_IT = /\b(?:bouton|lien|vois pas|button|link|see it)\b/;

/**
 * "je trouve pa le bouton", "je vois pas où cliquer" at a step (never an answer that says it, nor an exact answer
 * other than "Je bloque"): where it is — the step's sentence that says where to click, then its help or where such a
 * button usually is — and a person offered. Once a step; again there, a person.
 */
export function buttonNotFound(strings: Strings, st: GuideState, step: Step | undefined, text: string, locale: Locale, answer: { option: ChoiceOption; how: string } | undefined): string | undefined {
  if (st.phase !== 'step' || !step || !st.stepId || !saysButtonNotFound(text)) return undefined;
  if (answer && ((answer.how === 'exact' && answer.option.role !== 'stuck') || ANSWER_SAYS_IT.test(plainText(answer.option.label)))) return undefined;
  if (st.buttonHelped === st.stepId) return 'person';
  st.buttonHelped = st.stepId;
  const where = step.text[locale].split(/(?<=[.!?])\s+/).find((s) => CLICK_SENTENCE.test(plainText(s)));
  return [
    where ? strings.t(locale, 'guide.buttonStep', { where }) : undefined,
    step.help?.[locale] ?? strings.t(locale, 'guide.buttonUsual'),
    strings.t(locale, 'guide.buttonPerson'),
  ].filter(Boolean).join('\n');
}
