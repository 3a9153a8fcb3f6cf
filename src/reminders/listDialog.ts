/** "Mes rappels": what is planned, and a way to stop each one. */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { citizenKeyOf } from '../conversation/identity';
import { localeOf, say } from '../conversation/turn';
import { ChoicePrompt, type PromptState } from '../prompts/choicePrompt';
import { formatDay } from './format';
import type { ReminderKind } from './schedule';
import type { ReminderDialogDeps } from './offerDialog';

interface ListState extends PromptState {
  items: Array<{ id: string; kind: ReminderKind; due: number }>;
}

export class RemindersDialog extends ChoicePrompt<object, ListState> {
  protected override passOnMiss = true;

  constructor(private readonly r: ReminderDialogDeps) {
    super(DIALOG.reminders, r);
  }

  private label(ctx: TurnContext, kind: ReminderKind): string {
    return this.t(ctx, kind === 'actualisation' ? 'reminder.labelActualisation' : 'reminder.labelCaf');
  }

  protected async init(dc: DialogContext): Promise<boolean> {
    const ctx = dc.context;
    const list = await this.r.reminders.list(citizenKeyOf(ctx));
    if (list.length === 0) {
      await say(ctx, { text: this.t(ctx, 'reminder.none') });
      return false;
    }
    this.state(dc).items = list.map((r) => ({ id: r.id, kind: r.kind, due: r.due }));
    return true;
  }

  protected prompt(ctx: TurnContext, st: ListState) {
    const lines = st.items.map((r) => this.t(ctx, 'reminder.item', { label: this.label(ctx, r.kind), date: formatDay(r.due, localeOf(ctx)) }));
    const choices: ChoiceOption[] = st.items.map((r, i) => ({ key: String(i + 1), label: this.t(ctx, 'reminder.cancelOne', { label: this.label(ctx, r.kind) }), value: r.id }));
    choices.push({ key: String(st.items.length + 1), label: this.t(ctx, 'reminder.keep'), value: 'keep', role: 'no' });
    return { text: [this.t(ctx, 'reminder.list'), ...lines].join('\n'), question: this.t(ctx, 'reminder.cancelQuestion'), choices };
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const ctx = dc.context;
    const chosen = this.state(dc).items.find((r) => r.id === option.value);
    if (chosen && (await this.r.reminders.cancel(citizenKeyOf(ctx), chosen.id))) {
      await say(ctx, { text: this.t(ctx, 'reminder.cancelled', { label: this.label(ctx, chosen.kind) }) });
    } else {
      await say(ctx, { text: this.t(ctx, 'reminder.kept') });
    }
    return finish(dc, {});
  }
}

