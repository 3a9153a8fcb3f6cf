/**
 * "Quel est le souci avec votre compte Ameli ?": a vague problem with an account or an office's site ("j'ai un
 * problème avec mon compte ameli", "ça bug sur france travail") is asked about, as an advisor would, instead of a
 * guide started at random. Can't log in (the password guide), no account yet (the guide that creates it, or the
 * site's formalities when the account comes with the first one), something else (the site's guides), or a person.
 * Answered by number, by words, or in a sentence: a login trouble in any words is the first answer; a formality
 * named instead ("c'est pour mon attestation") starts that guide.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { INTENT } from '../conversation/intents';
import { localeOf } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { situationIntent } from '../nlu/routeGuards';
import type { AnswerStrength } from '../nlu/choices';
import { ChoicePrompt, type PromptDeps, type PromptState } from './choicePrompt';

/** The guide for a forgotten password or a login refused (it asks which site). */
export const PASSWORD_GUIDE = 'mot-de-passe-oublie';

export interface AccountTroubleOptions {
  /** How the site is said in the question ("votre compte Ameli", "les impôts"): a string key. */
  site: StringKey;
  /** The guide that creates the account, if there is one of its own. */
  create?: string;
  /** The site's formalities ("Autre chose"; also "no account yet" when the account comes with the first one). */
  guides: string[];
}

interface TroubleState extends PromptState, AccountTroubleOptions {}

export class AccountTroubleDialog extends ChoicePrompt<AccountTroubleOptions, TroubleState> {
  constructor(
    deps: PromptDeps,
    /** A guide the message asks for confidently ("c'est pour télécharger mon attestation"), if any. */
    private readonly guideAsked: (text: string, locale: Locale) => string | undefined,
  ) {
    super(DIALOG.accountTrouble, deps);
  }

  protected init(dc: DialogContext, options: AccountTroubleOptions | undefined): boolean {
    if (!options) return false;
    Object.assign(this.state(dc), { site: options.site, create: options.create, guides: options.guides });
    return true;
  }

  private words(ctx: TurnContext, key: StringKey): string[] {
    return this.t(ctx, key).split('|').map((w) => w.trim()).filter(Boolean);
  }

  protected prompt(ctx: TurnContext, st: TroubleState) {
    const options = [
      { label: this.t(ctx, 'trouble.login'), value: 'login', synonyms: this.words(ctx, 'trouble.loginWords') },
      { label: this.t(ctx, 'trouble.noAccount'), value: 'create', synonyms: this.words(ctx, 'trouble.noAccountWords') },
      { label: this.t(ctx, 'trouble.other'), value: 'other', synonyms: this.words(ctx, 'trouble.otherWords') },
    ];
    const choices: ChoiceOption[] = options.map((o, i) => ({ ...o, key: String(i + 1) }));
    choices.push({ key: '0', label: this.t(ctx, 'menu.mediator'), value: INTENT.mediator });
    return { text: '', question: this.t(ctx, 'trouble.question', { site: this.t(ctx, st.site) }), choices };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    // "j'arrive pas à me connecter", "mot de passe oublié", "compte bloqué": the first answer, in any words.
    if (situationIntent(text) === PASSWORD_GUIDE) return finish(dc, { next: PASSWORD_GUIDE });
    if (!super.answers(dc, text)) {
      // A formality named instead of an answer ("c'est pour télécharger mon attestation"): that guide.
      const asked = this.guideAsked(text, localeOf(dc.context));
      if (asked) return finish(dc, { next: asked });
    }
    return super.continueDialog(dc);
  }

  override answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    return situationIntent(text) === PASSWORD_GUIDE ? 'loose' : super.answers(dc, text);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const st = this.state(dc);
    if (option.value === 'login') return finish(dc, { next: PASSWORD_GUIDE });
    if (option.value === 'create' && st.create) return finish(dc, { next: st.create });
    if (option.value === 'create' || option.value === 'other') {
      // The account is made with the first formality (the CAF, the ANTS), or something else: the site's guides.
      const question: StringKey = option.value === 'create' ? 'trouble.createdWith' : 'whatIs.orgGuides';
      return dc.replaceDialog(DIALOG.pick, { candidates: st.guides, question });
    }
    return finish(dc, { next: option.value });
  }
}
