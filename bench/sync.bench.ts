import { ConflictResolver } from '../src/engine/conflict';
import { Prng } from '../src/engine/core/prng';
import { makeAgent, SwarmCoordinator } from '../src/engine/core/swarmCoordinator';
import { DELEGATION_STRATEGIES, type DelegationStrategy, runDelegation } from '../src/engine/delegation';
import { InMemoryProvider } from '../src/engine/memory';
import { DEFAULT_NETWORK } from '../src/engine/network/faults';
import { Network } from '../src/engine/network/network';
import type { RunContext } from '../src/engine/runs/context';
import { type ModeReport, StateSynchronizer, type SyncMode } from '../src/engine/sync';
import { Trace } from '../src/engine/trace/trace';
import type { BenchCase, BenchOutcome } from './harness';

const SYNC_AGENTS = 100;
const SYNC_KEYS = 1_000;
const CHANGED = 10;
const TASKS = 1_000;
const WORKERS = 50;

function context(agents: number, seed: number, weights?: (i: number) => number): RunContext {
  const rng = new Prng(seed);
  const swarm = new SwarmCoordinator(
    Array.from({ length: agents }, (_, i) => makeAgent(`agent-${i + 1}`, { weight: weights?.(i) ?? 1 })),
  );
  const trace = new Trace(false);
  const network = new Network(agents, DEFAULT_NETWORK, rng.fork(2), trace);
  swarm.attach(network);
  return { coordinator: swarm, network, rng: rng.fork(3), trace };
}

/**
 * A swarm of 100 agents sharing 1,000 keys, all agents at the baseline (one full
 * sync), then `changed` keys changed at the coordinator: the state each mode
 * starts from. Prepared before timing (the memory provider is async, the
 * harness is not); the measured part is the mode's run on the network.
 */
async function prepared(changed: number): Promise<StateSynchronizer> {
  const ctx = context(SYNC_AGENTS, 7);
  const sync = new StateSynchronizer(ctx.coordinator, new InMemoryProvider(), new ConflictResolver(), { rng: ctx.rng });
  for (let k = 0; k < SYNC_KEYS; k++) await sync.commit('swarm-001', `key-${k}`, { n: 0, k });
  sync.fullSync('swarm-001');
  for (const k of ctx.rng.sample(SYNC_KEYS, changed)) await sync.commit('swarm-001', `key-${k}`, { n: 1, k });
  return sync;
}

function syncCase(mode: SyncMode, changed: number, prepared: StateSynchronizer): BenchCase {
  let sync: StateSynchronizer | undefined = prepared;
  return {
    name: `sync: ${mode}, ${SYNC_AGENTS} agents × ${SYNC_KEYS.toLocaleString('en-US')} keys, ${changed} changed`,
    run: (): BenchOutcome => {
      // One measured run per prepared state: a second run would start from an up-to-date swarm.
      if (!sync) throw new Error('this case runs once (repeat: 1)');
      const s = sync;
      sync = undefined;
      const report: ModeReport =
        mode === 'full'
          ? s.fullSync('swarm-001')
          : mode === 'delta'
            ? s.deltaSyncAgents('swarm-001')
            : s.versionQuery('swarm-001');
      const ok =
        report.completed.length === SYNC_AGENTS - 1 ? 'all agents up to date' : `${report.missed.length} missed`;
      const n = (x: number) => x.toLocaleString('en-US');
      return {
        ops: report.cost.messages,
        unit: 'msg',
        note: `${n(report.cost.bytes)} bytes, ${n(report.cost.messages)} messages, ${n(report.versionsSent)} versions sent; ${ok}`,
      };
    },
  };
}

function delegationCase(strategy: DelegationStrategy, crash: boolean): BenchCase {
  return {
    name: `delegation: ${strategy}, ${TASKS.toLocaleString('en-US')} tasks on ${WORKERS} agents${crash ? ', one crash' : ''}`,
    run: () => {
      // Agent 1 delegates; the 50 workers have speeds (weights) 1, 2 and 3 in turn.
      const ctx = context(WORKERS + 1, 11, (i) => 1 + (i % 3));
      const r = runDelegation(ctx, {
        strategy,
        tasks: TASKS,
        taskCostMs: [10, 200],
        ...(crash ? { crash: { agent: 'agent-7', atMs: 300 } } : {}),
      });
      return {
        ops: r.completed,
        unit: 'task',
        note: `makespan ${r.makespanMs.toLocaleString('en-US')} ms, imbalance ${r.imbalance.toFixed(2)}, reassignments ${r.reassignments}, lost ${r.tasksLost}, ${r.messages.toLocaleString('en-US')} messages`,
      };
    },
  };
}

// The memory provider is async and the harness is not: prepare the starting states first.
const syncCases: BenchCase[] = [];
for (const [mode, changed] of [
  ['full', CHANGED],
  ['delta', CHANGED],
  ['version-query', CHANGED],
  ['version-query', 0],
] as const) {
  syncCases.push(syncCase(mode, changed, await prepared(changed)));
}

export const cases: BenchCase[] = [
  ...syncCases,
  ...DELEGATION_STRATEGIES.map((s) => delegationCase(s, false)),
  delegationCase('least-loaded', true),
];
