/** Ids of the web chat's conversations, users and activities: random, base64url. */
import { randomBytes } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one randomBytes call per id cost ~4 % of a web chat turn. */
let pool = Buffer.alloc(0);
let used = 0;

export function newId(bytes = 16): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.toString('base64url', used - bytes, used);
}
