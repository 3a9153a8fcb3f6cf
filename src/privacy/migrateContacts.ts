/**
 * `pasapas migrate-contacts [--dry-run]`: move what the version before keyed contact ids wrote (ids that
 * were a plain SHA-256 of a phone number, reversible by trying every number) to the keyed ids of
 * src/privacy/contactIds.ts. Every new id is a function of the old one, so nothing needs an address:
 *
 * | what | old key or field | becomes |
 * |---|---|---|
 * | citizen's address, conversations, counters | `contact:seen:<old id>`, `contact:convs:<old id>`, `rl:<old id>:…` | the same with the new id (and the conversation ids inside) |
 * | STOP, held messages | `contact:{stop,held}:<SHA-256 of the old id>` | `contact:{stop,held}:<keyed hash of the new id>`; a STOP whose citizen is known nowhere else (erased) becomes `contact:stop:<channel>:o.<keyed hash>`, found again by the citizen's next message; such held messages (nobody to send them to) are deleted |
 * | bot state | `state:<channel>/users/<old id>/`, `state:<channel>/conversations/<channel>:<old id>/` | the same with the new ids |
 * | handoffs | record `ho:{t}:h:<id>` (`citizenKey`, the reference in `data`), pointer `ho:{t}:citizen:<key>` | rewritten in place; the pointer renamed |
 * | reminders | `rem:{rem}:r:<id>` (`data`: citizen key, reference), index `rem:{rem}:u:<key>` | rewritten in place; the index renamed |
 *
 * A key is moved with DUMP/RESTORE (any type, any cluster slot), keeping its expiry; if the new key already
 * exists (the citizen wrote again after the deploy), the newer one is kept and the old one deleted. Only the
 * messaging channels (SMS, WhatsApp, Telegram) had such ids. Running it again finds nothing left to move.
 * Run it right after deploying the version with CONTACT_HASH_SECRET (docs/privacy.md).
 */
import { citizenKeyFor, isLegacyId, legacyAddressKey, type ContactIds } from './contactIds';
import { scanKeys, type RedisClient } from '../storage/redis';
import { conversationStateKey, keyspace, parseKey, userStateKey, type FamilyName } from '../storage/keyspace';

export interface MigrationReport {
  dryRun: boolean;
  scanned: number;
  /** Keys moved to their new name, by family. */
  moved: Record<string, number>;
  /** Old keys dropped: the new one already existed (newer), or held messages nobody can receive. */
  dropped: Record<string, number>;
  /** Records rewritten in place (handoffs, reminders). */
  rewritten: Record<string, number>;
}

const CHANNEL = '(sms|whatsapp|telegram)';
const ID = `${CHANNEL}:[A-Za-z0-9_-]{22}`;
/** Items of the `state` family (botbuilder's storage keys) named by an old id. */
const USER_STATE = new RegExp(`^${CHANNEL}/users/(${ID})/$`);
const CONV_STATE = new RegExp(`^${CHANNEL}/conversations/(${CHANNEL}:${ID})/$`);
const CITIZEN_KEY = /^[0-9a-f]{32}$/;
/** Key names without the prefix (`p()` adds it): the families of storage/keyspace.ts. */
const ks = keyspace('');

interface Reference {
  channelId?: string;
  user?: { id?: string };
  conversation?: { id?: string };
}

export async function migrateContacts(redis: RedisClient, prefix: string, ids: ContactIds, dryRun: boolean): Promise<MigrationReport> {
  if (ids.isLegacy) throw new Error('migrate-contacts needs the keyed ids (CONTACT_HASH_SECRET)');
  const report: MigrationReport = { dryRun, scanned: 0, moved: {}, dropped: {}, rewritten: {} };
  const count = (bucket: Record<string, number>, family: string) => (bucket[family] = (bucket[family] ?? 0) + 1);
  const p = (name: string) => `${prefix}${name}`;

  /** Move a key to its new name (DUMP/RESTORE: any type, any slot), keeping its expiry; the newer one wins. */
  const move = async (family: string, from: string, to: string): Promise<void> => {
    if (dryRun) return void count(report.moved, family);
    const [dump, pttl] = await Promise.all([redis.dumpBuffer(p(from)), redis.pttl(p(from))]);
    if (dump === null) return; // expired meanwhile
    try {
      await redis.restore(p(to), pttl > 0 ? pttl : 0, dump);
      count(report.moved, family);
    } catch (err) {
      if (!/BUSYKEY/.test((err as Error).message)) throw err;
      count(report.dropped, family);
    }
    await redis.unlink(p(from));
  };
  const drop = async (family: string, key: string): Promise<void> => {
    count(report.dropped, family);
    if (!dryRun) await redis.unlink(p(key));
  };
  const newConversation = (id: string) => ids.upgradeConversation(id);
  /** A stored conversation reference with the new ids; undefined when it had none of the old ones. */
  const upgradeReference = (ref: Reference | undefined): Reference | undefined => {
    const user = ref?.user?.id;
    if (!ref || !user || !isLegacyId(user)) return undefined;
    return { ...ref, user: { ...ref.user, id: ids.upgrade(user) }, conversation: ref.conversation?.id ? { ...ref.conversation, id: newConversation(ref.conversation.id) } : ref.conversation };
  };

  // Pass 1: every key named by an old id moves; records holding one are rewritten; the old user ids seen are
  // kept, to recognise the keys that only hold a hash of one (STOP, held messages, handoff and reminder keys).
  const oldUsers = new Set<string>();
  const later: string[] = [];
  await scanKeys(redis, `${prefix}*`, 500, async (keys) => {
    for (const key of keys) {
      report.scanned += 1;
      const name = key.slice(prefix.length);
      /** The old id a key of this family is named by (its placeholder `part`), if it is one. */
      const old = (family: FamilyName, part: string): string | undefined => {
        const v = parseKey(family, name)?.[part];
        return v !== undefined && isLegacyId(v) ? v : undefined;
      };
      let o: string | undefined;
      let m: RegExpExecArray | null;
      let parts: Record<string, string> | undefined;
      if ((o = old('contactSeenUntagged', 'userId'))) {
        oldUsers.add(o);
        await move('contact seen', name, ks.contactSeenUntagged(ids.upgrade(o)));
      } else if ((o = old('contactConversationsUntagged', 'userId'))) {
        oldUsers.add(o);
        if (!dryRun) {
          // The conversation ids inside are old ones too.
          const members = await redis.smembers(key);
          const upgraded = members.map(newConversation);
          if (upgraded.some((c, i) => c !== members[i])) {
            await redis.multi().srem(key, ...members).sadd(key, ...upgraded).exec();
          }
        }
        await move('contact convs', name, ks.contactConversationsUntagged(ids.upgrade(o)));
      } else if ((parts = parseKey('contactCounterUntagged', name)) && isLegacyId(parts.userId)) {
        oldUsers.add(parts.userId);
        await move('rate limits', name, ks.contactCounterUntagged(ids.upgrade(parts.userId), parts.counter));
      } else if ((parts = parseKey('state', name)) && (m = USER_STATE.exec(parts.item))) {
        oldUsers.add(m[2]);
        await move('user state', name, ks.state(userStateKey(m[1], ids.upgrade(m[2]))));
      } else if (parts && (m = CONV_STATE.exec(parts.item))) {
        await move('conversation state', name, ks.state(conversationStateKey(m[1], newConversation(m[2]))));
      } else if (parseKey('handoffRecord', name)) {
        const data = await redis.hget(key, 'data');
        const parsed = data ? (JSON.parse(data) as { reference?: Reference; citizenKey?: string }) : undefined;
        const reference = upgradeReference(parsed?.reference);
        if (!parsed || !reference) continue;
        const oldUser = parsed.reference!.user!.id!;
        oldUsers.add(oldUser);
        const citizenKey = citizenKeyFor(parsed.reference!.channelId ?? oldUser.split(':')[0], ids.upgrade(oldUser));
        count(report.rewritten, 'handoff records');
        if (!dryRun) await redis.hset(key, 'data', JSON.stringify({ ...parsed, reference, citizenKey }), 'citizenKey', citizenKey);
      } else if (parseKey('reminderRecord', name)) {
        const data = await redis.hget(key, 'data');
        const parsed = data ? (JSON.parse(data) as { reference?: Reference; citizenKey?: string }) : undefined;
        const reference = upgradeReference(parsed?.reference);
        if (!parsed || !reference) continue;
        const oldUser = parsed.reference!.user!.id!;
        oldUsers.add(oldUser);
        const citizenKey = citizenKeyFor(parsed.reference!.channelId ?? oldUser.split(':')[0], ids.upgrade(oldUser));
        count(report.rewritten, 'reminders');
        if (!dryRun) await redis.hset(key, 'data', JSON.stringify({ ...parsed, reference, citizenKey }));
      } else if (old('contactStopUntagged', 'addressKey') || old('contactHeldUntagged', 'addressKey') || CITIZEN_KEY.test(parseKey('handoffCitizen', name)?.citizenKey ?? '') || CITIZEN_KEY.test(parseKey('reminderIndex', name)?.citizenKey ?? '')) {
        later.push(name);
      }
    }
  });

  // Pass 2: the keys that hold a hash of an old user id.
  const byHash = new Map<string, string>(); // SHA-256 key of an old id (STOP, held) → the old id
  const byCitizenKey = new Map<string, string>(); // handoff and reminder key of an old id → the old id
  for (const old of oldUsers) {
    const channel = old.split(':')[0];
    byHash.set(legacyAddressKey(channel, old), old);
    byCitizenKey.set(citizenKeyFor(channel, old), old);
  }
  for (const name of later) {
    let parts: Record<string, string> | undefined;
    const stop = parseKey('contactStopUntagged', name);
    const held = parseKey('contactHeldUntagged', name);
    if (stop || held) {
      const kind = stop ? 'stop' : 'held';
      const hashed = (stop ?? held)!.addressKey;
      const channel = hashed.split(':')[0];
      const old = byHash.get(hashed);
      const to = (addressKey: string) => (stop ? ks.contactStopUntagged(addressKey) : ks.contactHeldUntagged(addressKey));
      if (old) await move(`contact ${kind}`, name, to(ids.addressKey(channel, ids.upgrade(old))));
      else if (stop) await move('contact stop (citizen erased)', name, ks.contactStopUntagged(ids.orphan(channel, hashed)));
      else await drop('contact held (nobody to send them to)', name);
    } else if ((parts = parseKey('handoffCitizen', name))) {
      const old = byCitizenKey.get(parts.citizenKey);
      if (old) await move('handoff pointers', name, ks.handoffCitizen(parts.territory, citizenKeyFor(old.split(':')[0], ids.upgrade(old))));
    } else if ((parts = parseKey('reminderIndex', name))) {
      const old = byCitizenKey.get(parts.citizenKey);
      if (!old) continue;
      const to = ks.reminderIndex(citizenKeyFor(old.split(':')[0], ids.upgrade(old)));
      count(report.moved, 'reminder indexes');
      // Same slot ({rem}): merged with reminders the citizen may have set up since.
      if (!dryRun) await redis.multi().sunionstore(p(to), p(to), p(name)).del(p(name)).exec();
    }
  }
  return report;
}
