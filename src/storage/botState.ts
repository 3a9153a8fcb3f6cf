/**
 * botbuilder's ConversationState and UserState with a cheaper change check, same contract.
 *
 * BotState snapshots a state when it loads it and compares at save time through
 * `calculateChangeHash`: JSON.stringify with a replacer function called for every value, then
 * SHA-256 — five times per turn for our two states (about 7 % of a web chat turn's CPU). Our states
 * are plain JSON data (that is what the stores keep), so the snapshot here is the state's JSON text
 * without its eTag, compared as a string. As in BotState: an unchanged state is not written, a
 * changed one is written with eTag '*', `clear()` (empty hash) forces a write, and the turn cache
 * lives in the same turnState slot, so `get`, `clear` and `delete` of BotState keep working.
 *
 * A write also says how long the state is kept: the retention of the turn's territory (`ttlOf`),
 * passed to our stores (StateStore.write's options; a plain botbuilder Storage ignores it).
 */
import { ConversationState, UserState, type BotState, type Storage, type TurnContext } from 'botbuilder';
import { noteJson, takeJson, type StateStore } from './stateStore';

interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

function snapshot(state: Record<string, unknown>): string {
  const { eTag: _ignored, ...rest } = state;
  return JSON.stringify(rest);
}

/** BotState keeps its turn cache under a private per-instance symbol: ours must use the same one. */
function stateKeyOf(state: BotState): symbol {
  const key = (state as unknown as { stateKey?: unknown }).stateKey;
  if (typeof key !== 'symbol') throw new Error('botbuilder BotState changed: no stateKey symbol (src/storage/botState.ts)');
  return key;
}

type KeyOf = (context: TurnContext) => string;
/** The retention of what a turn writes, in seconds (undefined: the store's default). */
export type TurnTtl = (context: TurnContext) => number | undefined;

async function load(slot: symbol, storage: Storage, keyOf: KeyOf, context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
  const cached = context.turnState.get<Cached | undefined>(slot);
  if (!force && cached?.state) return cached.state;
  const key = keyOf(context);
  const items = await storage.read([key]);
  const state = (items[key] as Record<string, unknown> | undefined) ?? {};
  // The store's own JSON text of what it read is the snapshot (JSON.stringify gives it back).
  context.turnState.set(slot, { state, hash: takeJson(state) ?? snapshot(state) } satisfies Cached);
  return state;
}

async function saveChanges(slot: symbol, storage: Storage, keyOf: KeyOf, ttlOf: TurnTtl | undefined, context: TurnContext, force: boolean): Promise<void> {
  let cached = context.turnState.get<Cached | undefined>(slot);
  const json = cached ? snapshot(cached.state) : '{}';
  if (!force && !(cached && cached.hash !== json)) return;
  const key = keyOf(context);
  cached ??= { state: {}, hash: '' };
  cached.state.eTag = '*';
  // From the snapshot to the store's write, nothing runs in between: the store takes this text.
  noteJson(cached.state, json);
  await (storage as StateStore).write({ [key]: cached.state }, { ttlSeconds: ttlOf?.(context) });
  cached.hash = json;
  context.turnState.set(slot, cached);
}

/**
 * What both lean states do, for the BotState they belong to: its turn-cache slot, its storage key (computed
 * synchronously, with BotState's errors) and the retention of what a turn writes.
 */
class LeanCore {
  private readonly slot: symbol;

  constructor(
    private readonly state: ConversationState | UserState,
    private readonly storage: Storage,
    private readonly which: string,
    private readonly ttlOf?: TurnTtl,
  ) {
    this.slot = stateKeyOf(state);
  }

  private readonly keyOf: KeyOf = (context) => {
    const key = this.state.getStorageKey(context);
    if (!key) throw new Error(`${this.which}: overridden getStorageKey method did not return a key.`);
    return key;
  };

  load(context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
    return load(this.slot, this.storage, this.keyOf, context, force);
  }

  saveChanges(context: TurnContext, force: boolean): Promise<void> {
    return saveChanges(this.slot, this.storage, this.keyOf, this.ttlOf, context, force);
  }
}

export class LeanConversationState extends ConversationState {
  private readonly lean: LeanCore;

  constructor(storage: Storage, ttlOf?: TurnTtl) {
    super(storage);
    this.lean = new LeanCore(this, storage, 'ConversationState', ttlOf);
  }

  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return this.lean.load(context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.lean.saveChanges(context, force);
  }
}

export class LeanUserState extends UserState {
  private readonly lean: LeanCore;

  constructor(storage: Storage, ttlOf?: TurnTtl) {
    super(storage);
    this.lean = new LeanCore(this, storage, 'UserState', ttlOf);
  }

  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return this.lean.load(context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.lean.saveChanges(context, force);
  }
}
