/**
 * "Effacer mes données": confirm, then erase everything tied to the citizen in every store (the
 * bot then deletes the conversation itself and saves nothing back). Reachable from any dialog,
 * including while waiting for a mediator (src/bot/ runs it before the handoff relay).
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { citizenKeyOf, type CitizenIdentity } from '../conversation/identity';
import { say } from '../conversation/turn';
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
