/**
 * What the guide dialog shows (src/guides/guideDialog.ts): a step with its counter, links and check question, the
 * prerequisites question, one prerequisite of many, and the choices each one offers ("Je bloque" on all).
 */
import type { ChoiceOption } from '../../conversation/choice';
import type { BotMessage } from '../../conversation/message';
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';
import { HAVE_ALL_WORDS, NOT_AT_HAND_WORDS } from '../../nlu/roleWords';
import { fold } from '../../text/fold';
import { stepNumber, type LoadedGuide } from '../catalog';
import type { Step } from '../schema';
import { withPlainNo } from './plainNo';
import type { GuideState } from './guideState';

/** Labels come from the guides (a fixed set): each is folded once per process, not at every turn that shows it. */
const ROLES = new Map<string, 'yes' | 'no' | undefined>();
const MAX_ROLES = 10_000;

/** A custom answer labelled "Oui…" / "Non…" also takes yes/no words ("ouais", "nan"). */
export function roleOfLabel(label: string): 'yes' | 'no' | undefined {
  if (ROLES.has(label)) return ROLES.get(label);
  const first = fold(label).split(/[\s,]+/)[0];
  const role = ['oui', 'yes'].includes(first) ? 'yes' : ['non', 'no'].includes(first) ? 'no' : undefined;
  if (ROLES.size >= MAX_ROLES) ROLES.clear();
  ROLES.set(label, role);
  return role;
}

export class GuideMessages {
  /**
   * The choices of a step, per step object and locale: they depend on nothing else (the guide's data and this
   * object's strings, both fixed), and building them — "Je bloque", the plain-no phrasings (withPlainNo stems
   * the question) — ran several times a turn (the question on screen, the answers heard earlier for each later
   * step). Each call gets its own array; the option objects are shared, as the callers only read them.
   */
  private readonly choicesOf = new WeakMap<Step, Partial<Record<Locale, ChoiceOption[]>>>();

  constructor(
    private readonly strings: Strings,
    /** A guide's title, to offer a missing prerequisite's own guide as a choice. */
    private readonly titleOf: (guideId: string, locale: Locale) => string | undefined = () => undefined,
  ) {}

  currentStep(g: LoadedGuide, st: GuideState): Step {
    return g.stepById.get(st.stepId ?? '') ?? g.mainSteps[0];
  }

  /** The answers to the question on screen. */
  optionsOf(g: LoadedGuide, st: GuideState, locale: Locale): ChoiceOption[] {
    if (st.phase === 'step') return this.stepChoices(this.currentStep(g, st), locale);
    if (st.phase === 'need') return this.oneNeedChoices(locale, st.offer);
    return this.needsChoices(locale, st.missing !== undefined, st.offer);
  }

  /** The whole screen: at "Vous avez tout ?" the list of what is needed, at a step its text (the language just changed). */
  wholeScreen(g: LoadedGuide, st: GuideState, locale: Locale): BotMessage {
    if (st.phase === 'step') return this.stepMessage(g, this.currentStep(g, st), locale);
    const q = this.questionOnScreen(g, st, locale);
    if (st.phase === 'need' || st.missing !== undefined) return q;
    return { ...q, text: `${this.strings.t(locale, 'needs.intro')}\n${g.guide.needs.map((n) => `- ${n.text[locale]}`).join('\n')}` };
  }

  /** The question on screen, as shown again (reprompt, a miss). */
  questionOnScreen(g: LoadedGuide, st: GuideState, locale: Locale): BotMessage {
    if (st.phase === 'need') return this.needMessage(g, st.needIndex ?? 0, locale, st.offer);
    if (st.phase === 'needs') return this.needsQuestion(locale, st.missing !== undefined, st.offer);
    return this.questionOf(this.currentStep(g, st), locale);
  }

  /** A sentence, then the question on screen alone (its prerequisite's line kept), not the whole step again. */
  questionAfter(lead: string, g: LoadedGuide, st: GuideState, locale: Locale): BotMessage {
    const q = this.questionOnScreen(g, st, locale);
    return { ...q, text: [lead, q.text].filter(Boolean).join('\n'), compact: true };
  }

  stepMessage(g: LoadedGuide, step: Step, locale: Locale): BotMessage {
    const head = step.branch ? '' : `${this.strings.t(locale, 'step.counter', { n: stepNumber(g, step.id), total: g.mainSteps.length })}\n`;
    const links = step.links.map((l) => (l.label ? this.strings.t(locale, 'guide.link', { label: l.label[locale], url: l.url }) : l.url)).join('\n');
    const shortLinks = step.links.map((l) => l.url).join('\n');
    const tail = (s: string) => (s ? `\n${s}` : '');
    const q = this.questionOf(step, locale);
    return {
      text: `${head}${step.text[locale]}${tail(links)}`,
      short: `${head}${(step.sms ?? step.text)[locale]}${tail(shortLinks)}`,
      question: q.question,
      choices: q.choices,
    };
  }

  questionOf(step: Step, locale: Locale): BotMessage {
    return { text: '', question: step.check?.question?.[locale] ?? this.strings.t(locale, 'step.check'), choices: this.stepChoices(step, locale) };
  }

  stepChoices(step: Step, locale: Locale): ChoiceOption[] {
    let known = this.choicesOf.get(step);
    if (!known) this.choicesOf.set(step, (known = {}));
    return (known[locale] ??= this.buildStepChoices(step, locale)).slice();
  }

  private buildStepChoices(step: Step, locale: Locale): ChoiceOption[] {
    const options: ChoiceOption[] = step.check
      ? step.check.choices.map((c, i) => ({
          key: String(i + 1),
          label: c.label[locale],
          value: c.goto,
          synonyms: c.alsoMeans?.[locale],
          role: roleOfLabel(c.label[locale]),
        }))
      : [
          { key: '1', label: this.strings.t(locale, 'choice.yes'), value: 'next', role: 'yes' },
          { key: '2', label: this.strings.t(locale, 'choice.no'), value: 'no', role: 'no' },
        ];
    options.push({ key: String(options.length + 1), label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' });
    return withPlainNo(options, step.check?.question?.[locale], locale);
  }

  /**
   * "Vous avez tout ?", or "On commence quand même ?" once something is missing — with, when a missing prerequisite
   * has its own guide (`offer`: no e-mail address), that guide first, together ("Créer une adresse e-mail d'abord").
   */
  needsChoices(locale: Locale, afterOneByOne = false, offer?: string): ChoiceOption[] {
    const yes = this.strings.t(locale, afterOneByOne ? 'needs.startAnyway' : 'needs.yes');
    return this.withOffer(locale, offer, [
      afterOneByOne ? { key: '', label: yes, value: 'yes', role: 'yes' } : { key: '', label: yes, value: 'yes', role: 'yes', synonyms: HAVE_ALL_WORDS },
      { key: '', label: this.strings.t(locale, afterOneByOne ? 'needs.later' : 'needs.no'), value: 'no', role: 'no' },
    ]);
  }

  /** The yes/no of a prerequisite question, the offered guide after the yes, "Je bloque" last; numbered. */
  private withOffer(locale: Locale, offer: string | undefined, [yes, no]: ChoiceOption[]): ChoiceOption[] {
    const title = offer ? this.titleOf(offer, locale) : undefined;
    const words = this.strings.t(locale, 'needs.doFirstWords').split('|').map((w) => w.trim()).filter(Boolean);
    const options: ChoiceOption[] = [
      yes,
      ...(title ? [{ key: '', label: this.strings.t(locale, 'needs.doFirst', { title }), value: `guide:${offer}`, synonyms: [title, ...words] }] : []),
      no,
      { key: '', label: this.strings.t(locale, 'choice.stuck'), value: 'handoff', role: 'stuck' },
    ];
    return options.map((o, i) => ({ ...o, key: String(i + 1) }));
  }

  needsQuestion(locale: Locale, afterOneByOne = false, offer?: string): BotMessage {
    return {
      text: '',
      question: this.strings.t(locale, afterOneByOne ? 'needs.someMissing' : 'needs.question'),
      choices: this.needsChoices(locale, afterOneByOne, offer),
    };
  }

  needMessage(g: LoadedGuide, i: number, locale: Locale, offer?: string): BotMessage {
    const need = g.guide.needs[i];
    return {
      text: `${this.strings.t(locale, 'needs.counter', { n: i + 1, total: g.guide.needs.length })}\n${need.text[locale]}`,
      question: this.strings.t(locale, 'needs.have'),
      choices: this.oneNeedChoices(locale, offer),
    };
  }

  /** "je sais pas" at one prerequisite's "Vous l'avez ?": what it is and where to find it, a person, the same question. */
  unsureNeed(g: LoadedGuide, i: number, locale: Locale, offer?: string): BotMessage {
    return { ...this.needMessage(g, i, locale, offer), text: this.strings.t(locale, 'needs.unsureOne', { need: g.guide.needs[i].text[locale] }), compact: true };
  }

  oneNeedChoices(locale: Locale, offer?: string): ChoiceOption[] {
    return this.withOffer(locale, offer, [
      { key: '', label: this.strings.t(locale, 'choice.yes'), value: 'yes', role: 'yes' },
      { key: '', label: this.strings.t(locale, 'choice.no'), value: 'no', role: 'no', synonyms: NOT_AT_HAND_WORDS },
    ]);
  }
}
