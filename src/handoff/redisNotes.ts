/** Internal notes on Redis: `ho:{T}:notes:<id>` (a list of JSON), beside the handoff's messages (src/handoff/notes.ts). */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { scripts, type ScriptCommands } from '../storage/scripts';
import type { RetentionOf } from '../territories/retention';
import { MAX_NOTES, NotesFull, NotesHandoffMissing, type HandoffNote, type HandoffNotes } from './notes';

/** handoffNote-2.lua's return codes. */
const OK = 1;
const NOT_FOUND = 0;
const FULL = -4;

export class RedisHandoffNotes implements HandoffNotes {
  private readonly keys: Keyspace;
  private readonly scripts: ScriptCommands;

  constructor(
    private readonly client: RedisClient,
    prefix: string,
    private readonly retention: RetentionOf,
  ) {
    this.keys = keyspace(prefix);
    this.scripts = scripts(client);
  }

  async add(territory: string, handoffId: string, note: HandoffNote): Promise<number> {
    const [code, count] = await this.scripts.handoffNote(
      [this.keys.handoffRecord(territory, handoffId), this.keys.handoffNotes(territory, handoffId)],
      JSON.stringify(note),
      this.retention(territory),
      MAX_NOTES,
    );
    if (code === NOT_FOUND) throw new NotesHandoffMissing();
    if (code === FULL) throw new NotesFull();
    if (code !== OK) throw new Error(`handoffNote: unexpected reply ${code}`);
    return Number(count) - 1;
  }

  async list(territory: string, handoffId: string): Promise<HandoffNote[]> {
    const list = await this.client.lrange(this.keys.handoffNotes(territory, handoffId), 0, -1);
    return list.map((j) => JSON.parse(j) as HandoffNote);
  }
}
