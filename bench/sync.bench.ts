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
 * starts from, prepared outside the timing; the measured part is the mode's run on the network.
 */
async function prepared(changed: number): Promise<StateSynchronizer> {
  const ctx = context(SYNC_AGENTS, 7);
  const sync = new StateSynchronizer(ctx.coordinator, new InMemoryProvider(), new ConflictResolver(), { rng: ctx.rng });
  for (let k = 0; k < SYNC_KEYS; k++) await sync.commit('swarm-001', `key-${k}`, { n: 0, k });
  sync.fullSync('swarm-001');
  for (const k of ctx.rng.sample(SYNC_KEYS, changed)) await sync.commit('swarm-001', `key-${k}`, { n: 1, k });
  return sync;
}

function syncCase(mode: SyncMode, changed: number): BenchCase {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    name: `sync: ${mode}, ${SYNC_AGENTS} agents × ${n(SYNC_KEYS)} keys, ${changed} changed`,
    rounds: 3,
    targets: mode === 'full' ? [{ kind: 'ms', atMost: 300, label: '≤ 300 ms' }] : [],
    ours: {
      name: 'ours',
      // A run starts from a fresh state: a second run on the same one would find the swarm up to date.
      prepare: () => prepared(changed),
      run: (s: StateSynchronizer): BenchOutcome => {
        const report: ModeReport =
          mode === 'full'
            ? s.fullSync('swarm-001')
            : mode === 'delta'
              ? s.deltaSyncAgents('swarm-001')
              : s.versionQuery('swarm-001');
        const ok =
          report.completed.length === SYNC_AGENTS - 1 ? 'all agents up to date' : `${report.missed.length} missed`;
        return {
          ops: report.cost.messages,
          unit: 'msg',
          note: `${n(report.cost.bytes)} bytes, ${n(report.cost.messages)} messages, ${n(report.versionsSent)} versions sent; ${ok}`,
          check: `${report.cost.bytes} bytes`,
        };
      },
    },
  } as BenchCase;
}

function delegationCase(strategy: DelegationStrategy, crash: boolean): BenchCase {
  return {
    name: `delegation: ${strategy}, ${TASKS.toLocaleString('en-US')} tasks on ${WORKERS} agents${crash ? ', one crash' : ''}`,
    rounds: 3,
    ours: {
      name: 'ours',
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
    },
  };
}

export const cases: BenchCase[] = [
  syncCase('full', CHANGED),
  syncCase('delta', CHANGED),
  syncCase('version-query', CHANGED),
  syncCase('version-query', 0),
  ...DELEGATION_STRATEGIES.map((s) => delegationCase(s, false)),
  delegationCase('least-loaded', true),
];
