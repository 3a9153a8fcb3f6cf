/**
 * "Effacer mes données": confirm, then erase everything tied to the citizen in every store (the
 * bot then deletes the conversation itself and saves nothing back). Reachable from any dialog,
 * including while waiting for a mediator (src/bot/ runs it before the handoff relay).
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { citizenKeyOf, type CitizenIdentity } from '../conversation/identity';
import { say } from '../conversation/turn';
import { fold } from '../text/fold';

/** "C'est quoi qui est gardé ?", "vous gardez quoi", "what do you keep": a question before answering. */
const WHAT_IS_KEPT =
  /\b(?:quoi|what|qu est ce|quelles?|lesquelles|lesquels|which)\b.*\b(?:gard|conserv|keep|kept|store|donnees|data|infos?\b|informations)|\b(?:gard|conserv)\w* (?:quoi|comme)\b|\bmes donnees c est quoi\b/;
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';

export interface EraseDeps extends PromptDeps {
  erase: (who: CitizenIdentity) => Promise<unknown>;
}

export class EraseDialog extends ChoicePrompt<object, PromptState> {
  protected override passOnMiss = true;

  constructor(private readonly e: EraseDeps) {
    super(DIALOG.erase, e);
  }

  protected init(): boolean {
    return true;
  }

  private choices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'privacy.eraseYes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.t(ctx, 'privacy.eraseNo'), value: 'no', role: 'no' },
    ];
  }

  protected prompt(ctx: TurnContext) {
    return { text: '', question: this.t(ctx, 'privacy.eraseConfirm'), choices: this.choices(ctx) };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ctx = dc.context;
    if (WHAT_IS_KEPT.test(fold(ctx.activity.text ?? '').replace(/['’]/g, ' '))) {
      // Told what is kept, then asked again: the question is not answered yet.
      await say(ctx, { text: this.t(ctx, 'privacy.pageWhat') }, this.prompt(ctx));
      return Dialog.EndOfTurn;
    }
    return super.continueDialog(dc);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const ctx = dc.context;
    if (option.value !== 'yes') {
      await say(ctx, { text: this.t(ctx, 'privacy.kept') });
      return finish(dc, {});
    }
    await this.e.erase({
      channelId: ctx.activity.channelId,
      userId: ctx.activity.from?.id ?? '',
      conversationId: ctx.activity.conversation?.id ?? '',
      citizenKey: citizenKeyOf(ctx),
    });
    await say(ctx, { text: this.t(ctx, 'privacy.erased') });
    return finish(dc, { erased: true });
  }
}
