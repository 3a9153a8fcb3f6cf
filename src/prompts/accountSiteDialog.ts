/**
 * "Quel compte ?": a problem with an account, no site named ("j'ai un problème avec mon compte", "mon compte marche
 * pas", "I have a problem with my account") — which account first, in plain words: 1 Ameli 2 CAF 3 Impôts 4 France
 * Travail 5 ANTS, 0 a person. It was three guesses. Answered by number, by name ("pole emploi", "la sécu") or in a
 * sentence ("c'est celui des impots"); then the account-trouble question of that site
 * (src/prompts/accountTroubleDialog.ts). A login trouble said instead is the password guide; a formality named
 * instead starts that guide.
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
import { sitesNamed, type TroubleSite } from '../nlu/accountTrouble';
import type { AnswerStrength } from '../nlu/choices';
import { plainText } from '../nlu/plainText';
import { situationIntent } from '../nlu/routeGuards';
import { PASSWORD_GUIDE, type AccountTroubleOptions } from './accountTroubleDialog';
import { ChoicePrompt, type PromptDeps, type PromptState } from './choicePrompt';

/** The sites, in the order offered, with their label. */
const SITES: Array<[TroubleSite, StringKey]> = [
  ['ameli', 'trouble.accountAmeli'],
  ['caf', 'trouble.accountCaf'],
  ['impots', 'trouble.accountImpots'],
  ['france-travail', 'trouble.accountFranceTravail'],
  ['ants', 'trouble.accountAnts'],
];

export class AccountSiteDialog extends ChoicePrompt<object, PromptState> {
  constructor(
    deps: PromptDeps,
    /** The account-trouble question's options for a site (its guides in this catalog). */
    private readonly optionsOf: (site: TroubleSite) => AccountTroubleOptions,
    /** A guide the message asks for confidently ("c'est pour ma déclaration"), if any. */
    private readonly guideAsked: (text: string, locale: Locale) => string | undefined,
  ) {
    super(DIALOG.accountSite, deps);
  }

  protected init(): boolean {
    return true;
  }

  protected prompt(ctx: TurnContext) {
    const choices: ChoiceOption[] = SITES.map(([site, key], i) => ({ key: String(i + 1), label: this.t(ctx, key), value: site }));
    choices.push({ key: '0', label: this.t(ctx, 'menu.mediator'), value: INTENT.mediator });
    return { text: '', question: this.t(ctx, 'trouble.whichAccount'), choices };
  }

  /** The one site a sentence names ("c'est celui des impots", "pole emploi", "the CAF"). */
  private named(text: string): TroubleSite | undefined {
    const found = sitesNamed(plainText(text));
    return found.length === 1 ? found[0] : undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    // "j'arrive pas à me connecter": the password guide (it asks which site itself).
    if (situationIntent(text) === PASSWORD_GUIDE) return finish(dc, { next: PASSWORD_GUIDE });
    const site = super.answers(dc, text) === 'exact' ? undefined : this.named(text);
    if (site) return dc.replaceDialog(DIALOG.accountTrouble, this.optionsOf(site));
    if (!super.answers(dc, text)) {
      const asked = this.guideAsked(text, localeOf(dc.context));
      if (asked) return finish(dc, { next: asked });
    }
    return super.continueDialog(dc);
  }

  override answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    return super.answers(dc, text) ?? (situationIntent(text) === PASSWORD_GUIDE || this.named(text) ? 'loose' : undefined);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const site = SITES.find(([s]) => s === option.value)?.[0];
    if (site) return dc.replaceDialog(DIALOG.accountTrouble, this.optionsOf(site));
    return finish(dc, { next: option.value });
  }
}
