/**
 * Which answer a message gives (src/guides/guideDialog.ts): to the question on screen, in the other language's own
 * words, to the question before ("je me suis trompé"), or — before a step is even asked — by today's date (`when`)
 * or by what the citizen said earlier in their own words.
 */
import type { ChoiceOption } from '../../conversation/choice';
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';
import {
  earlierAnswers,
  isDontKnow,
  recognizeChoiceHow,
  recognizeOwnWords,
  recognizePartialAnswer,
  stemsOf,
  withoutStems,
  type AnswerStrength,
  type EarlierAnswer,
} from '../../nlu/choices';
import type { AnswerWords } from '../../nlu/answerWords';
import { detectLanguage, wordsOf } from '../../nlu/language';
import { plainText } from '../../nlu/signals';
import { situationAnswer } from '../../nlu/situationAnswer';
import { pickByMonths } from '../../nlu/durations';
import { answerWithBut } from '../../nlu/butClause';
import { withoutHedge } from '../../nlu/hedge';
import { asksPrice } from '../../nlu/priceAsk';
import { failedWithMore } from '../../nlu/roleWords';
import { negatedAside } from '../../nlu/negatedAside';
import { negatedAnswer } from '../../nlu/negatedAnswer';
import { saysCodeNotReceived } from '../../nlu/codeNotReceived';
import { defaultNext, type GuideCatalog, type LoadedGuide } from '../catalog';
import type { Choice, Step } from '../schema';
import { span, todayIn } from '../when';
import type { GuideMessages } from './guideMessages';
import { missingAtStep, namedNeeds, namingStems, type NamedNeeds } from './namedNeeds';
import { heardOf, type GuideState } from './guideState';
import { quoted } from '../../text/quote';
import { echoesQuestion } from '../../nlu/echo';
import { acknowledgesOnly } from './shortWord';

/** An answer to the question before the one on screen: go back to `previous`, then on to `target`. */
export interface PreviousAnswer {
  previous: Step;
  target: string;
  /** "Vous m'avez dit : … Je continue avec : …" and the choice's own reply. */
  why: string;
}

/** A where/how question about something already named ("où je le trouve", "where is it"). */
const PRONOUN = /\b(?:le|la|les|l|y|en|ca|it|them|that|this)\b/;
/** "où je le trouve", "il est où", "comment je fais": a question, never an answer kept for a later question. */
const ASKS_WHERE_OR_HOW = /^(?:(?:et|mais|alors|bon) )?(?:ou|comment|pourquoi|where|how|why)\b|\b(?:c est|il est|elle est|ils sont|elles sont|se trouve|ca se trouve) ou\b/;

export class GuideAnswers {
  constructor(
    private readonly catalog: GuideCatalog,
    private readonly strings: Strings,
    private readonly messages: GuideMessages,
    private readonly now: () => number,
  ) {}

  /** The answer to the question on screen of this guide, and how surely it was recognised. */
  at(g: LoadedGuide, st: GuideState, said: string, options: ChoiceOption[], locale: Locale): { option: ChoiceOption; how: AnswerStrength } | undefined {
    const question = this.messages.questionOnScreen(g, st, locale).question;
    if (acknowledgesOnly(said, options)) return undefined; // "ok" at "Vous avez déjà un espace ?": no answer (shortWord.ts)
    const found = this.here(said, options, locale, question);
    // "je gagne pas beaucoup" at "Le test dit que vous avez droit ?": a "no" found only through the sentence's negation,
    // about what the step does not ask, is no answer (the guide's situation, the code's help, or the question: `asideAt`).
    // "le code arrive pas" at "Le code est arrivé ?" is never its yes, found through "j'ai le code".
    const notCome = found?.option.role === 'yes' && found.how !== 'exact' && saysCodeNotReceived(said);
    // "je ne travaille pas" at "… 3 Je travaille à la ferme": never that answer, nor a bare "Non" (negatedAnswer.ts).
    const negated = found?.how === 'exact' && !found.bare ? undefined : negatedAnswer(said, options, question ?? '', locale);
    const bareNo = found?.bare && found.option.role === 'no';
    if (negated?.kind === 'not' && (!found || bareNo || found.option === negated.option)) return undefined;
    if (negated?.kind === 'means' && (!found || bareNo)) return { option: negated.option, how: 'loose' };
    return found && (notCome || this.asideAt(g, st, said, locale, found)) ? undefined : found;
  }

  /** The positive answer a negated sentence denies ("je travaille pas" → "Je travaille à la ferme"), if any. */
  deniedAnswer(g: LoadedGuide, st: GuideState, said: string, locale: Locale): ChoiceOption | undefined {
    const found = negatedAnswer(said, this.messages.optionsOf(g, st, locale), this.messages.questionOnScreen(g, st, locale).question ?? '', locale);
    return found?.kind === 'not' ? found.option : undefined;
  }

  /**
   * A bare "no" (`bare`: only the sentence's negation) that denies something this step does not ask about, nor the
   * guide's prerequisites — or a code that did not come (its own help: src/guides/dialogs/stepAsides.ts).
   */
  asideAt(g: LoadedGuide, st: GuideState, said: string, locale: Locale, found = this.here(said, this.messages.optionsOf(g, st, locale), locale)): boolean {
    if (st.phase !== 'step' || !found || !('bare' in found) || found.option.role !== 'no') return false;
    if (saysCodeNotReceived(said)) return true;
    const step = this.messages.currentStep(g, st);
    const labels = this.messages.optionsOf(g, st, locale).map((o) => o.label);
    const about = [step.check?.question?.[locale], step.text[locale], step.sms?.[locale], ...labels, ...g.guide.needs.map((n) => n.text[locale])];
    return negatedAside(said, about.filter((a): a is string => Boolean(a)), locale);
  }

  /** The answer to the question on screen, and how surely it was recognised. */
  here(said: string, options: ChoiceOption[], locale: Locale, about?: string): { option: ChoiceOption; how: AnswerStrength; bare?: true } | undefined {
    // "c'est un 8 je crois": the answer is the words around the hedge.
    const text = withoutHedge(said) ?? said;
    // "non sa marche pa", "le mot de passe sa marche pa" (at "Le site accepte le mot de passe ?"): the bare "it does
    // not work", whose answer depends on the question (its "Non", or "Je bloque") — never the "Oui" of
    // "mot de passe accepté" through the subject's words.
    const failed = about === undefined ? undefined : failedWithMore(text, (rest) => {
      const subject = stemsOf(about, locale);
      return stemsOf(rest, locale).every((w) => subject.includes(w));
    });
    const asFailed = failed ? recognizeChoiceHow(failed, options, locale, this.catalog.answerWords) : undefined;
    if (asFailed) return { option: asFailed.option, how: 'loose' };
    // The question's own answer for a suspicious message or call takes any message describing one.
    const own = situationAnswer(text, options);
    if (own) return { option: own, how: 'exact' };
    // "je pars en mars" at "Moins de 4 mois / 4 à 6 mois / …": counted from today.
    const byMonth = pickByMonths(text, options, locale, this.now());
    if (byMonth) return { option: byMonth, how: 'loose' };
    // "j'ai les papiers mais je sais pas les mettre sur l'ordi" is not a plain "Oui".
    return notAPriceQuestion(text, answerWithBut(text, (t) => recognizeChoiceHow(t, options, locale, this.catalog.answerWords)));
  }

  /** Just before "pas compris": an answer the message gives partly in the citizen's own words (src/nlu/optionScore.ts). */
  partial(text: string, options: ChoiceOption[], locale: Locale) {
    return notAPriceQuestion(text, answerWithBut(text, (t) => recognizePartialAnswer(t, options, locale, this.catalog.answerWords)));
  }

  /**
   * "ça veut pas envoyer" at "Vous avez tout ?" of the scan guide: its "pas" denies sending, not having — more than
   * a bare no that states a later question's problem is that problem (its fix at once, `laterProblem`).
   */
  noThatIsAProblem(g: LoadedGuide, st: GuideState, text: string, picked: ChoiceOption, locale: Locale): boolean {
    if (st.phase !== 'needs' || picked.role !== 'no' || text.trim().split(/\s+/).length < 3) return false;
    return this.laterProblem(g, st, text, locale) !== undefined;
  }

  /** "I bought a car last week" at a French question: the option the citizen's own words pick in the other language. */
  inTheOtherLanguage(g: LoadedGuide, st: GuideState, text: string, locale: Locale, unlessMarkup = false): { other: Locale; option: ChoiceOption } | undefined {
    const other: Locale = locale === 'fr' ? 'en' : 'fr';
    if (text.trim().split(/\s+/).length < 2 || detectLanguage(text) === locale || (unlessMarkup && /[<>{}=\[\]]/.test(text))) return undefined;
    // "ben je touche plus rien depuis 2 mois" is not English for "No": a message with words of the language on
    // screen is read in it, unless it is clearly the other language.
    if (wordsOf(text, locale) > 0 && detectLanguage(text) !== other) return undefined;
    const option = recognizeOwnWords(text, this.messages.optionsOf(g, st, other), other, this.catalog.answerWords);
    return option ? { other, option } : undefined;
  }

  /**
   * At "Vous avez tout ?" (before the one-by-one check): the prerequisites the message names as missing or there
   * ("il me manque la photo", "j'ai mon numéro fiscal mais…"). Not a "je sais pas" ("je sais pas si j'ai la photo").
   */
  namedAtNeeds(g: LoadedGuide, st: GuideState, text: string, locale: Locale): NamedNeeds | undefined {
    if (st.phase !== 'needs' || st.missing !== undefined || isDontKnow(text)) return undefined;
    return namedNeeds(text, g, locale);
  }

  /**
   * At a step: the help of each prerequisite the message says is missing or not found, when the question on screen
   * and the answer picked (if any) are not about it ("je trouve pas mon numéro fiscal" at "Vous avez déjà un
   * espace ?" is not "Non, je le crée").
   */
  missingHelp(g: LoadedGuide, st: GuideState, text: string, locale: Locale, picked?: ChoiceOption, partly = false): string | undefined {
    // An option's number names no prerequisite: the turns that answer by number (most of them) skip the reading.
    if (st.phase !== 'step' || !st.stepId || (picked && picked.key === text.trim())) return undefined;
    // Only instead of a bare yes or no (or an answer found only partly, `partly`: "j'ai perdu mon identifiant" is not
    // "Mot de passe oublié") the message says none of the words of ("Non, je le crée").
    const bare = partly || picked?.role === 'yes' || picked?.role === 'no';
    // (Found partly, the answer is judged by the words that name things: "oublié" of "Mot de passe oublié" names nothing.)
    const said = partly ? namingStems(text, locale) : stemsOf(text, locale);
    if (picked && (!bare || said.some((w) => stemsOf(picked.label, locale).includes(w)))) return undefined;
    const step = this.messages.currentStep(g, st);
    let which = missingAtStep(text, g, step, locale, picked?.label);
    // "où je le trouve ?" right after a prerequisite's help: about that prerequisite (its help again).
    if (which.length === 0 && !picked && st.lastNeeds?.stepId === st.stepId && ASKS_WHERE_OR_HOW.test(plainText(text)) && PRONOUN.test(plainText(text))) which = st.lastNeeds.which;
    if (which.length === 0) return undefined;
    st.lastNeeds = { stepId: st.stepId, which };
    return which.flatMap((i) => [g.guide.needs[i].text[locale], g.guide.needs[i].ifMissing?.[locale]]).filter(Boolean).join('\n');
  }

  /** "vous avez tout ?" at "Vous avez tout ?": the question said back, a question (src/nlu/echo.ts). */
  echoes = (g: LoadedGuide, st: GuideState, text: string, locale: Locale) => echoesQuestion(text, this.messages.questionOnScreen(g, st, locale).question);

  /** Does this message answer the question on screen? (for the bot's understanding step) */
  strength(g: LoadedGuide, st: GuideState, text: string, locale: Locale): AnswerStrength | undefined {
    if (this.echoes(g, st, text, locale)) return 'exact';
    if ((this.namedAtNeeds(g, st, text, locale)?.missing.length ?? 0) > 0) return 'loose';
    const options = this.messages.optionsOf(g, st, locale);
    const here = (this.at(g, st, text, options, locale) ?? this.partial(text, options, locale))?.how;
    if (here) return here;
    // An answer in the other language's own words is an answer too (the dialog takes it).
    return this.inTheOtherLanguage(g, st, text, locale) ? 'loose' : undefined;
  }

  /**
   * "J'ai appuyé sur valider et je me suis trompé" at the step after "J'ai validé": the message does not answer
   * this question but clearly gives another answer to the one before (its own words, not a yes or a no).
   */
  toThePreviousQuestion(g: LoadedGuide, st: GuideState, text: string, locale: Locale): PreviousAnswer | undefined {
    const previousId = st.phase === 'step' ? st.history[st.history.length - 1] : undefined;
    const previous = previousId ? g.stepById.get(previousId) : undefined;
    if (!previous?.check || text.trim().split(/\s+/).length < 3) return undefined;
    const found = recognizeChoiceHow(text, this.messages.stepChoices(previous, locale), locale, this.catalog.answerWords);
    if (!found || found.how === 'vague' || found.option.role) return undefined;
    const target = found.option.value === 'next' ? defaultNext(g, previous) : found.option.value;
    // Leaving the guide needs that answer said: "le code marche pas" shares only "code" with "Un message suspect"
    // ("on me demande mes codes"). Another guide named mid-guide is the router's (src/bot/steps/otherGuide.ts).
    if (target === st.stepId || (found.how !== 'exact' && target.startsWith('guide:'))) return undefined;
    const choice = previous.check.choices.find((c) => c.goto === found.option.value && c.label[locale] === found.option.label);
    const why = [this.strings.t(locale, 'guide.youSaid', { said: quoted(text), answer: found.option.label }), choice?.reply?.[locale]];
    return { previous, target, why: why.filter(Boolean).join('\n') };
  }

  /**
   * A step's question already answered — by today's date (`when`), or by something the citizen said earlier in
   * their own words (whose words are then used up) — with where to go and why, or undefined (it is asked).
   */
  alreadyAnswered(g: LoadedGuide, step: Step, st: GuideState, locale: Locale): { target: string; why: string } | undefined {
    const choices = step.check?.choices ?? [];
    const today = todayIn(this.now());
    // The narrowest range that holds today wins ("15-15", the last day, over "28-15").
    const dated = choices.filter((c) => c.when && today.isIn(c.when)).sort((a, b) => span(a.when!) - span(b.when!));
    if (dated.length > 0 && (dated.length === 1 || span(dated[0].when!) < span(dated[1].when!))) {
      // What the citizen said wins when the date does not rule it out: "j'ai oublié de m'actualiser" on the 20th is
      // "Non, le 15 est passé" (an answer with no dates), not the date's "not open yet".
      // When the date lets them go on (open until the 15th), the date wins: a forgotten one can still be done.
      const undated = dated[0].goto === 'next' ? undefined : this.bySaying(g, step, st, locale, (c) => !c.when);
      if (undated) return undated;
      const why = [this.strings.t(locale, 'guide.today', { date: today.format(locale) }), dated[0].reply?.[locale]].filter(Boolean).join(' ');
      return { target: dated[0].goto, why };
    }
    return this.bySaying(g, step, st, locale, () => true);
  }

  /** The step's question answered by what the citizen said before, among the answers `keep` allows. */
  private bySaying(g: LoadedGuide, step: Step, st: GuideState, locale: Locale, keep: (c: Choice) => boolean): { target: string; why: string } | undefined {
    const choices = step.check?.choices ?? [];
    // What the citizen said before, in their own words (a yes/no question too, through its answers' phrasings).
    const options = this.heardChoices(step, locale).filter((o) => choices.some((c) => keep(c) && c.goto === o.value && c.label[locale] === o.label));
    if (options.length === 0) return undefined;
    const heard = heardOf(st);
    for (let i = heard.length - 1; i >= 0; i -= 1) {
      const { said, rest: left, spent = [], branchOnly } = heard[i];
      if (branchOnly && !step.branch) continue;
      const words = this.wordsBut(spent);
      const found = this.earlierAnswer(g, left, options, locale, words);
      if (found) {
        // The words that answered are used up; the rest of the message may answer the next question
        // ("passeport pour mon bébé": the child, then the passport). The echo still shows the
        // citizen's own words, never what is left of them. So is what they meant in everyday words.
        const rest = withoutStems(left, found.used, locale);
        const used = new Set(found.used);
        const meant = words.heard(left, locale).filter((m) => stemsOf(m, locale).every((st) => used.has(st)));
        st.heard = heard
          .map((h, k) => (k === i ? { said, rest, ...(spent.length + meant.length > 0 ? { spent: [...spent, ...meant] } : {}) } : h))
          .filter((h) => h.rest.trim().length > 0);
        const choice = choices.find((c) => c.goto === found.option.value && c.label[locale] === found.option.label);
        const why = [this.strings.t(locale, 'guide.youSaid', { said: quoted(said), answer: found.option.label }), choice?.reply?.[locale]]
          .filter(Boolean)
          .join('\n');
        return { target: found.option.value, why };
      }
    }
    return undefined;
  }

  /**
   * Whether a message that answers nothing on screen answers a later question of the guide ("on me l'a volée
   * dans le métro" at "Vous avez tout ?" is "Volée" at "Votre carte est :"): it is kept for it, not "pas compris".
   */
  answersLater(g: LoadedGuide, st: GuideState, text: string, locale: Locale): boolean {
    if (ASKS_WHERE_OR_HOW.test(plainText(text))) return false;
    const from = st.phase === 'step' && st.stepId ? g.guide.steps.findIndex((s) => s.id === st.stepId) + 1 : 0;
    return g.guide.steps.slice(from).some((step) => {
      const options = this.heardChoices(step, locale);
      return options.length > 0 && this.earlierAnswer(g, text, options, locale, this.catalog.answerWords) !== undefined;
    });
  }

  /**
   * A problem a later question of the guide has its own fix for ("c flou", "le fichier est trop gros" at "Vous
   * avez tout ?" of the scan guide: the citizen is already there): the later question and the fix's step — only
   * an answer that leads to a branch of its own with nothing to ask (a fix to do: "Essuyez l'objectif… reprenez
   * la photo"), never a yes, a no, the next main step or a situation that changes the way ("Pour mon enfant",
   * "Carte volée": those wait for their question, after what is needed).
   */
  laterProblem(g: LoadedGuide, st: GuideState, text: string, locale: Locale): { question: Step; target: string; label: string } | undefined {
    const from = st.phase === 'step' && st.stepId ? g.guide.steps.findIndex((s) => s.id === st.stepId) + 1 : 0;
    for (const step of g.guide.steps.slice(from)) {
      const options = this.heardChoices(step, locale);
      const found = options.length > 0 ? this.earlierAnswer(g, text, options, locale, this.catalog.answerWords) : undefined;
      if (!found) continue;
      const target = g.stepById.get(found.option.value);
      if (target?.branch && !target.check && !found.option.role) return { question: step, target: target.id, label: found.option.label };
      // "j'ai oublié mon mot de passe" is "Oui, j'ai un espace" first (a way on), then "Mot de passe oublié": its fix.
      if (!(found.option.value === 'next' || (target && !target.branch)) || found.option.role === 'no') return undefined;
    }
    return undefined;
  }

  /** The everyday words, without the meanings an earlier answer already used. */
  private wordsBut(spent: string[]): AnswerWords {
    const all = this.catalog.answerWords;
    if (spent.length === 0) return all;
    return {
      means: (l) => all.means(l),
      heard: (t, l) => all.heard(t, l).filter((m) => !spent.includes(m)),
      explained: (t, l) => (all.explained?.(t, l) ?? []).map((e) => ({ ...e, means: e.means.filter((m) => !spent.includes(m)) })).filter((e) => e.means.length > 0),
    };
  }

  /** A question's own answers (not the "Je bloque" every step has), for answering it from earlier words. */
  private heardChoices(step: Step, locale: Locale): ChoiceOption[] {
    return step.check ? this.messages.stepChoices(step, locale).filter((o) => o.role !== 'stuck') : [];
  }

  /**
   * The answer a message gives to this question: the one that uses the most of what was said, counting what
   * the rest of the message then answers at the next question ("carte d'identité pour mon fils de 8 ans" is
   * "Pour mon enfant", then "Sa carte d'identité" — not "Carte d'identité" for an adult). A tie: none (the
   * question is asked).
   */
  private earlierAnswer(g: LoadedGuide, said: string, options: ChoiceOption[], locale: Locale, words: AnswerWords): EarlierAnswer | undefined {
    // The guide's name says nothing about the answers ("inscription pôle emploi" is not "déjà inscrit"),
    // unless the title names several of them ("Carte Vitale perdue ou volée").
    const topic = g.guide.title[locale];
    const found = earlierAnswers(said, options, locale, topic, words, g.guide.title[locale], this.now());
    if (found.length === 0) return undefined;
    const scored = found.map((f) => {
      const next = g.stepById.get(f.option.value);
      const then = next ? earlierAnswers(withoutStems(said, f.used, locale), this.heardChoices(next, locale), locale, topic, words, g.guide.title[locale], this.now()) : [];
      // On a tie, the answer whose next question the rest of the message also answers ("ma fille de 9 ans").
      return { f, total: f.weight + (then[0]?.weight ?? 0) + (then[0] ? 1e-3 : 0) };
    });
    scored.sort((a, b) => b.total - a.total);
    const [best, second] = scored;
    return !second || second.total < best.total - 1e-9 ? best.f : undefined;
  }
}

/** Words of an answer about money ("Un site me demande de payer", "c'est payant ?"). */
const MONEY = /\b(?:pa[yi]\w*|prix|tarif|euros?|gratuit\w*|frais|cher|co[uû]t\w*|argent|sous|fee|fees|price|free|cost\w*|money|charged?)\b/i;

/**
 * "le timbre il coûte combien ?" at "Vous avez le timbre ?" asks the price: it is no "Oui, je l'ai" through its
 * "timbre" — the guide's price comes instead (guidePrice.ts). An answer about money keeps such a message.
 */
function notAPriceQuestion<T extends { option: ChoiceOption; how: AnswerStrength }>(text: string, found: T | undefined): T | undefined {
  if (!found || found.how === 'exact' || !asksPrice(text)) return found;
  const said = [found.option.label, ...(found.option.synonyms ?? [])].join(' ');
  return MONEY.test(said) ? found : undefined;
}
