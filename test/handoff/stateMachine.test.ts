/**
 * One handoff state machine: TRANSITIONS (src/handoff/states.ts). Each Lua script of the Redis queue checks
 * states itself (one round trip, atomic); this test reads those checks, the events each script emits and the
 * states it writes, and compares them with TRANSITIONS — a script that allows a state TRANSITIONS does not
 * (or forgets one) fails here. The memory queue asks canTransition itself (contract suites run both).
 */
import { readScripts } from '../../src/storage/scripts';
import { MESSAGE_STATES, STATES, TRANSITIONS, type Transition } from '../../src/handoff/states';

interface Parsed {
  file: string;
  /** Transitions named in the header (`Transition "claim": …`, `Transitions "cancel" (…) and "expire" (…)`). */
  transitions: Transition[];
  /** States the script accepts (its `if state ~= … then return {-1, state} end`), undefined without such a check. */
  allowed?: string[];
  /** Event types it emits. */
  events: string[];
  /** States it writes (`'state', '<s>'`, or `target = '<s>'` for a computed one). */
  writes: string[];
}

const HANDOFF = readScripts().filter((s) => s.name.startsWith('handoff'));

function parse(file: string, lua: string): Parsed {
  const header = /--\[\[([\s\S]*?)\]\]/.exec(lua)?.[1] ?? '';
  const line = header.split('\n').find((l) => /Transitions? "/.test(l)) ?? '';
  const transitions = [...line.matchAll(/(?:Transitions?|and) "([a-z-]+)"/g)].map((m) => m[1] as Transition);
  const code = lua.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--.*$/gm, '');
  const check = /if state ~= (.+?) then return \{-1, state\} end/.exec(code);
  const allowed = check ? [...check[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]) : undefined;
  // An "already there" answer (idempotent) is also a state the script accepts.
  const idempotent = [...code.matchAll(/if state == '([a-z_]+)' then return \{2/g)].map((m) => m[1]);
  const events = [...new Set([...code.matchAll(/'(handoff\.[a-z_]+)'/g)].map((m) => m[1]))].sort();
  const writes = [...new Set([...code.matchAll(/'state', '([a-z_]+)'/g), ...code.matchAll(/target(?:, event)? = '([a-z_]+)'/g)].map((m) => m[1]))].sort();
  return { file, transitions, allowed: allowed && [...allowed, ...idempotent.filter((s) => !allowed.includes(s))], events, writes };
}

const parsed = HANDOFF.map((s) => parse(s.file, s.lua));
const byFile = (prefix: string) => parsed.find((p) => p.file.startsWith(prefix))!;

describe('the Lua scripts follow TRANSITIONS', () => {
  test('every transition is made by exactly one script', () => {
    const made = parsed.flatMap((p) => p.transitions).sort();
    expect(made).toEqual((Object.keys(TRANSITIONS) as Transition[]).sort());
  });

  test.each(parsed.filter((p) => p.transitions.length > 0).map((p) => [p.file, p]))('%s: the states it accepts, the events it emits and the states it writes', (_file, p) => {
    const defs = p.transitions.map((t) => TRANSITIONS[t]);
    const from = [...new Set(defs.flatMap((d) => d.from as readonly string[]))].sort();
    const to = [...new Set(defs.map((d) => d.to as string))];
    if (p.allowed === undefined) {
      // Only "request" creates its record: from the implicit "bot" state, written as the target at once.
      expect(p.transitions).toEqual(['request']);
      expect(from).toEqual(['bot']);
    } else {
      // The target of an idempotent answer is accepted too (nothing changes); otherwise exactly `from` (a target that
      // is also a source, as transfer's with_mediator → with_mediator, is a source).
      expect([...p.allowed].filter((s) => !to.includes(s) || from.includes(s)).sort()).toEqual(from);
    }
    expect(p.events).toEqual(defs.map((d) => d.event).sort());
    for (const state of to) expect(p.writes).toContain(state);
    for (const state of p.writes) expect(STATES).toContain(state);
  });

  test('a heartbeat needs the state a lease holder can release from; messages pass in MESSAGE_STATES', () => {
    expect(byFile('handoffHeartbeat-').allowed).toEqual([...TRANSITIONS.release.from]);
    expect(byFile('handoffMessage-').allowed!.sort()).toEqual([...MESSAGE_STATES].sort());
    expect(byFile('handoffMessage-').events).toEqual(['handoff.message']);
  });

  test('the parser sees the checks (it would notice a change)', () => {
    const claim = HANDOFF.find((s) => s.name === 'handoffClaim')!;
    const loosened = parse(claim.file, claim.lua.replace("if state ~= 'waiting' then", "if state ~= 'waiting' and state ~= 'bot' then"));
    expect(loosened.allowed!.sort()).toEqual(['bot', 'waiting']);
    expect(loosened.allowed!.sort()).not.toEqual([...TRANSITIONS.claim.from]);
  });
});
