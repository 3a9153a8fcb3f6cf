/**
 * The baseline: a stock Bot Framework bot, as a team following the BotBuilder samples would ship it
 * (multi-turn-prompt / core-bot): restify + CloudAdapter + ConversationState(MemoryStorage) + a
 * ComponentDialog holding a WaterfallDialog with a French ChoicePrompt and two ConfirmPrompts.
 * No credentials: CloudAdapter authenticates anonymously and can only answer inside the HTTP
 * response, so every request uses deliveryMode "expectReplies" (response body: {activities}).
 * Run as a forked child by bench/index.ts.
 */
import restify, { type Request, type Response } from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { serveAsChild, type Running } from './child';
import { STOCK } from './scenarios';


const CHOICE = 'choicePrompt';
const CONFIRM = 'confirmPrompt';
const WATERFALL = 'waterfall';

class GuideDialog extends ComponentDialog {
  constructor() {
    super('guideDialog');
    this.addDialog(new ChoicePrompt(CHOICE, undefined, 'fr-fr'));
    this.addDialog(new ConfirmPrompt(CONFIRM, undefined, 'fr-fr'));
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        (step) => step.prompt(CHOICE, { prompt: STOCK.menu, choices: ChoiceFactory.toChoices(STOCK.choices) }),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`D'accord. Je vous aide pour : ${(step.result as { value: string }).value}.`);
          return step.prompt(CONFIRM, STOCK.needs);
        },
        (step) => step.prompt(CONFIRM, STOCK.step),
        async (step) => {
          await step.context.sendActivity(STOCK.done);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  /** The samples' MainDialog.run(). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }
}

/** The samples' DialogBot. */
class StockBot extends ActivityHandler {
  constructor(conversationState: ConversationState, dialog: GuideDialog) {
    super();
    const accessor = conversationState.createProperty<DialogState>('DialogState');
    this.onMessage(async (context, next) => {
      await dialog.run(context, accessor);
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await next();
    });
  }
}

export async function startStockBot(port = 0): Promise<Running> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    process.stderr.write(`stock bot turn error: ${error.message}\n`);
    await context.sendActivity('The bot encountered an error or bug.');
  };
  const bot = new StockBot(new ConversationState(new MemoryStorage()), new GuideDialog());

  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) serveAsChild(() => startStockBot());
