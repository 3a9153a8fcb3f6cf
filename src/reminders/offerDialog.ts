/** After a guide with a deadline, on a channel that reaches the phone: "Voulez-vous un rappel le 28 ?" */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { citizenKeyOf, territoryOf } from '../conversation/identity';
import { localeOf, say } from '../conversation/turn';
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';
import { formatDay } from './format';
import { nextDue, type ReminderKind } from './schedule';
import type { ReminderStore } from './store';

export interface ReminderOfferOptions {
  kind: ReminderKind;
}

interface OfferState extends PromptState, ReminderOfferOptions {}

export interface ReminderDialogDeps extends PromptDeps {
  reminders: ReminderStore;
  now: () => number;
  defaultTerritory: string;
}

export class ReminderOfferDialog extends ChoicePrompt<ReminderOfferOptions, OfferState> {
  protected override passOnMiss = true;

  constructor(private readonly r: ReminderDialogDeps) {
    super(DIALOG.reminderOffer, r);
  }

  protected init(dc: DialogContext, options: ReminderOfferOptions | undefined): boolean {
    if (!options) return false;
    this.state(dc).kind = options.kind;
    return true;
  }

  private choices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'reminder.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.t(ctx, 'reminder.no'), value: 'no', role: 'no' },
    ];
  }

  protected prompt(ctx: TurnContext, st: OfferState) {
    const now = this.r.now();
    const date = formatDay(nextDue(st.kind, now, now), localeOf(ctx));
    return {
      text: '',
      question: this.t(ctx, st.kind === 'actualisation' ? 'reminder.offerActualisation' : 'reminder.offerCaf', { date }),
      choices: this.choices(ctx),
    };
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const { kind } = this.state(dc);
    if (option.value === 'yes') {
      const now = this.r.now();
      const due = nextDue(kind, now, now);
      await this.r.reminders.add({
        citizenKey: citizenKeyOf(ctx),
        kind,
        locale: localeOf(ctx),
        territory: territoryOf(ctx, this.r.defaultTerritory),
        reference: TurnContext.getConversationReference(ctx.activity),
        anchor: now,
        due,
      });
      await say(ctx, { text: this.t(ctx, 'reminder.saved', { date: formatDay(due, localeOf(ctx)) }) });
    } else {
      await say(ctx, { text: this.t(ctx, 'reminder.declined') });
    }
    return finish(dc, { next: 'menu' });
  }
}
