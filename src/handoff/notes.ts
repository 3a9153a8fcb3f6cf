/**
 * Mediators' internal notes on a handoff ("a déjà un compte Ameli, mot de passe oublié") — visible to the mediators
 * of the handoff's territory, never sent to the citizen, kept as long as the handoff's messages (the territory's
 * retention) and erased with the handoff ("effacer mes données"). Masked before they are stored, like messages.
 * MemoryHandoffNotes (embedded default) and RedisHandoffNotes (one list per handoff, written by one Lua script
 * that checks the handoff exists) implement it; test/handoff/notes.contract.test.ts runs both.
 */
import type { RetentionOf } from '../territories/retention';

export interface HandoffNote {
  at: number;
  mediatorId: string;
  /** The mediator's display name when it was written. */
  author: string;
  text: string;
  /** Written with a transfer: the colleague's name the conversation was handed to (the text is the transfer's note). */
  transferTo?: string;
}

/** At most this many notes on one handoff (a note is up to 2000 characters). */
export const MAX_NOTES = 200;

/** The handoff does not exist in this territory (or no longer). */
export class NotesHandoffMissing extends Error {
  constructor() {
    super('handoff not found');
    this.name = 'NotesHandoffMissing';
  }
}

/** MAX_NOTES reached. */
export class NotesFull extends Error {
  constructor() {
    super(`at most ${MAX_NOTES} notes on a handoff`);
    this.name = 'NotesFull';
  }
}

export interface HandoffNotes {
  /** Appends a note (already masked); its 0-based index. Throws NotesHandoffMissing, NotesFull. */
  add(territory: string, handoffId: string, note: HandoffNote): Promise<number>;
  /** Oldest first. */
  list(territory: string, handoffId: string): Promise<HandoffNote[]>;
}

export class MemoryHandoffNotes implements HandoffNotes {
  private readonly notes = new Map<string, { list: HandoffNote[]; expiresAt: number }>();

  constructor(
    /** Does the handoff still exist? (the memory queue: erased or expired handoffs take their notes with them) */
    private readonly exists: (territory: string, handoffId: string) => Promise<boolean>,
    private readonly retention: RetentionOf,
    private readonly now: () => number = Date.now,
  ) {}

  private async live(territory: string, handoffId: string) {
    const key = `${territory}\n${handoffId}`;
    const entry = this.notes.get(key);
    if (entry && (entry.expiresAt <= this.now() || !(await this.exists(territory, handoffId)))) this.notes.delete(key);
    return { key, entry: this.notes.get(key) };
  }

  async add(territory: string, handoffId: string, note: HandoffNote): Promise<number> {
    if (!(await this.exists(territory, handoffId))) throw new NotesHandoffMissing();
    const { key, entry } = await this.live(territory, handoffId);
    const list = entry?.list ?? [];
    if (list.length >= MAX_NOTES) throw new NotesFull();
    list.push(structuredClone(note));
    this.notes.set(key, { list, expiresAt: this.now() + this.retention(territory) * 1000 });
    // Forget the notes of handoffs that are gone (erased, expired): the memory queue does not know about them.
    for (const [k, e] of this.notes) if (e.expiresAt <= this.now()) this.notes.delete(k);
    return list.length - 1;
  }

  async list(territory: string, handoffId: string): Promise<HandoffNote[]> {
    const { entry } = await this.live(territory, handoffId);
    return structuredClone(entry?.list ?? []);
  }
}
