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
import { ConversationState, UserState, type BotState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';
import { isStateStore, noteJson, takeJson, type StateStore } from './stateStore';

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

/** botbuilder's own naming of state keys (`getStorageKey` reads only the activity; these never touch a storage). */
const NAMING = { conversation: new ConversationState({} as Storage), user: new UserState({} as Storage) };

/**
 * The storage keys of a turn's conversation and user states, named by botbuilder's ConversationState and UserState
 * (`getStorageKey`, which reads only the activity): a channel knows them before the turn.
 */
export function stateKeysOf(channelId: string, conversationId: string, userId: string): string[] {
  const context = { activity: { channelId, conversation: { id: conversationId }, from: { id: userId } } } as unknown as TurnContext;
  return [NAMING.conversation.getStorageKey(context)!, NAMING.user.getStorageKey(context)!];
}

/**
 * States read ahead of their turn: a channel that waits for Redis before the turn anyway (the SMS dedup, the
 * web chat's client id) sends the states' read with it, in the same round trip, and hands it to the turn
 * (`useReadAhead`). Each key is taken once, by the first load of its state; a later load (after `delete`, or
 * forced) reads the store. A key the turn does not use is simply not taken.
 */
export interface ReadAhead {
  readonly pending: Set<string>;
  readonly items: Promise<StoreItems>;
}

const READ_AHEAD = Symbol('pasapas.stateReadAhead');

export function readAhead(storage: Storage, keys: string[]): ReadAhead {
  const items = storage.read(keys);
  // Not taken when the turn does not run (a duplicate, a limit): its failure is then nobody's.
  items.catch(() => undefined);
  return { pending: new Set(keys), items };
}

export function useReadAhead(context: TurnContext, ahead: ReadAhead): void {
  context.turnState.set(READ_AHEAD, ahead);
}

/** This key's item from the read ahead of the turn, if it has it and nobody took it yet. */
function takeAhead(context: TurnContext, key: string): Promise<StoreItems> | undefined {
  const ahead = context.turnState.get<ReadAhead | undefined>(READ_AHEAD);
  if (!ahead?.pending.delete(key)) return undefined;
  return ahead.items;
}

/**
 * The state writes of a turn, sent without waiting for their answer: a channel that writes to Redis after the turn
 * anyway (the SMS dedup's "done", the web chat's append of the replies) waits for both together, so the state write
 * travels in that same round trip instead of one of its own. Redis runs the commands of one connection in the order
 * they were sent: the state is written before what the channel writes after it. A failed write fails `settled` (the
 * channel then answers as for any failed turn: a retry runs it again).
 */
export class TurnWrites {
  private readonly pending: Promise<void>[] = [];

  add(write: Promise<void>): void {
    // Waited for by `settled`, maybe after it failed: not an unhandled rejection meanwhile.
    write.catch(() => undefined);
    this.pending.push(write);
  }

  /** Every write of the turn done; rejects with the first failure. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }
}

const TURN_WRITES = Symbol('pasapas.stateTurnWrites');

export function useTurnWrites(context: TurnContext, writes: TurnWrites): void {
  context.turnState.set(TURN_WRITES, writes);
}

type KeyOf = (context: TurnContext) => string;
/** The retention of what a turn writes, in seconds (undefined: the store's default). */
export type TurnTtl = (context: TurnContext) => number | undefined;

async function load(slot: symbol, storage: Storage, keyOf: KeyOf, context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
  const cached = context.turnState.get<Cached | undefined>(slot);
  if (!force && cached?.state) return cached.state;
  const key = keyOf(context);
  const items = (!force && takeAhead(context, key)) || storage.read([key]);
  const item = (await items)[key];
  const state = (item as Record<string, unknown> | undefined) ?? {};
  // The store's own JSON text of what it read is the snapshot (JSON.stringify gives it back).
  context.turnState.set(slot, { state, hash: takeJson(state) ?? snapshot(state) } satisfies Cached);
  return state;
}

/** Lines a turn adds to the state's log, written with the state (LeanConversationState.appendLog). */
interface PendingLog {
  lines: string[];
  keep: number;
}

async function saveChanges(slot: symbol, logSlot: symbol, storage: Storage, keyOf: KeyOf, ttlOf: TurnTtl | undefined, context: TurnContext, force: boolean): Promise<void> {
  let cached = context.turnState.get<Cached | undefined>(slot);
  const json = cached ? snapshot(cached.state) : '{}';
  // New log lines are written with the state, even when the state itself did not change.
  const pending = cached ? context.turnState.get<PendingLog | undefined>(logSlot) : undefined;
  const logged = pending !== undefined && pending.lines.length > 0;
  if (!force && !(cached && (cached.hash !== json || logged))) return;
  const key = keyOf(context);
  cached ??= { state: {}, hash: '' };
  cached.state.eTag = '*';
  // From the snapshot to the store's write, nothing runs in between: the store takes this text.
  noteJson(cached.state, json);
  const log = logged ? { lines: pending.lines, keep: pending.keep } : undefined;
  if (logged) context.turnState.delete(logSlot);
  const writing = (storage as StateStore).write({ [key]: cached.state }, { ttlSeconds: ttlOf?.(context), ...(log ? { log } : {}) });
  const behind = context.turnState.get<TurnWrites | undefined>(TURN_WRITES);
  if (behind) {
    behind.add(writing);
  } else {
    await writing;
  }
  cached.hash = json;
  context.turnState.set(slot, cached);
}

/**
 * What both lean states do, for the BotState they belong to: its turn-cache slot, its storage key (computed
 * synchronously, with BotState's errors) and the retention of what a turn writes.
 */
class LeanCore {
  private readonly slot: symbol;
  /** This turn's log lines not written yet. */
  readonly logSlot = Symbol('pasapas.stateLog');

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
    return saveChanges(this.slot, this.logSlot, this.storage, this.keyOf, this.ttlOf, context, force);
  }

  loadedProperty<T>(context: TurnContext, name: string, defaultValue: T): T | undefined {
    const state = context.turnState.get<Cached | undefined>(this.slot)?.state;
    if (!state) return undefined;
    // As botbuilder's accessor `get` does: the default (a copy) is set when the property is absent.
    if (!Object.prototype.hasOwnProperty.call(state, name)) state[name] = structuredClone(defaultValue);
    return state[name] as T;
  }

  appendLog(context: TurnContext, line: string, keep: number): void {
    let pending = context.turnState.get<PendingLog | undefined>(this.logSlot);
    if (!pending) context.turnState.set(this.logSlot, (pending = { lines: [], keep }));
    pending.lines.push(line);
    pending.keep = keep;
  }

  /** The stored log (what earlier turns wrote), without this turn's lines; empty on a store without logs. */
  readLog(context: TurnContext): Promise<string[]> {
    return isStateStore(this.storage) ? this.storage.readLog(this.keyOf(context)) : Promise.resolve([]);
  }

  /** Deleting the state drops the lines of the turn not written yet (they belonged to it). */
  forgetLog(context: TurnContext): void {
    context.turnState.delete(this.logSlot);
  }
}

/**
 * The conversation state, with a log beside it (the masked transcript): lines a turn appends are written with
 * the state at `saveChanges`, in the same store call (no extra round trip), and only the last `keep` are kept;
 * the state itself never carries them, so a turn neither reads nor rewrites them. `readLog` reads them (at a
 * handoff). `delete` forgets the log with the state.
 */
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

  /**
   * A property of the state as loaded this turn, read as botbuilder's accessor `get` reads it (the default set when
   * it is absent), at once: undefined when the state is not loaded yet (then use the accessor). The accessor and
   * DialogSet.createContext run the same read through botbuilder's generator-based async helpers (~2 % of a turn).
   */
  loadedProperty<T>(context: TurnContext, name: string, defaultValue: T): T | undefined {
    return this.lean.loadedProperty(context, name, defaultValue);
  }

  override delete(context: TurnContext): Promise<void> {
    this.lean.forgetLog(context);
    return super.delete(context);
  }

  /** A line for the log (one line of text: JSON), written at the next saveChanges; the log keeps the last `keep`. */
  appendLog(context: TurnContext, line: string, keep: number): void {
    this.lean.appendLog(context, line, keep);
  }

  /** The log as stored by earlier turns, oldest first (this turn's lines are not in it until saved). */
  readLog(context: TurnContext): Promise<string[]> {
    return this.lean.readLog(context);
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

  /**
   * As LeanConversationState.loadedProperty.
   */
  loadedProperty<T>(context: TurnContext, name: string, defaultValue: T): T | undefined {
    return this.lean.loadedProperty(context, name, defaultValue);
  }
}
