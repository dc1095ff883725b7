/**
 * The synchroniser counts each message's bytes exactly — the UTF-8 of its payload's JSON — while
 * serialising a payload once for the count and the trace's hash (a full sync sends one snapshot
 * to every agent). Checked against the recorded trace: every sent message's payload, serialised
 * here with JSON.stringify, adds up to the reported cost.
 */
import { describe, expect, it } from 'vitest';
import { ConflictResolver } from '../../../src/engine/conflict';
import { InMemoryProvider, utf8Bytes } from '../../../src/engine/memory';
import { StateSynchronizer } from '../../../src/engine/sync';
import { decodeAll } from '../../../src/engine/trace/trace';
import { makeContext } from '../delegation/helpers';

const S = 'swarm-001';

/** Bytes of every message sent since event `from`, from the trace's own record of the payloads. */
function sentBytes(ctx: ReturnType<typeof makeContext>, from: number): { bytes: number; messages: number } {
  let bytes = 0;
  let messages = 0;
  for (const e of decodeAll(ctx.trace.columns()).slice(from)) {
    if (e.kind !== 'messageSent') continue;
    messages++;
    bytes += utf8Bytes(JSON.stringify(e.payload));
  }
  return { bytes, messages };
}

describe('sync cost in bytes', () => {
  it('equals the UTF-8 JSON of every payload sent, in each swarm-wide mode', async () => {
    const ctx = makeContext(12, 5, { lossProbability: 0.1, duplicationProbability: 0.1 });
    const sync = new StateSynchronizer(ctx.coordinator, new InMemoryProvider(), new ConflictResolver(), {
      rng: ctx.rng,
    });
    // Non-ASCII text and nested values, so that bytes and UTF-16 lengths differ.
    for (let k = 0; k < 30; k++)
      await sync.commit(S, `key-${k}`, { n: k, note: `é—${k} 🙂`, list: [k, { z: 1, a: 2 }] });
    for (const mode of ['full', 'delta', 'version-query'] as const) {
      await sync.commit(S, `key-${mode}`, { changed: mode });
      const from = ctx.trace.length;
      const report =
        mode === 'full' ? sync.fullSync(S) : mode === 'delta' ? sync.deltaSyncAgents(S) : sync.versionQuery(S);
      const sent = sentBytes(ctx, from);
      expect(report.cost.messages).toBe(sent.messages);
      expect(report.cost.bytes).toBe(sent.bytes);
      expect(report.cost.bytes).toBeGreaterThan(0);
    }
  });
});
