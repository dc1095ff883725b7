import { check } from '../../core/errors';
import { MAX_SIM_TIME_MS } from '../../core/limits';
import type { Prng } from '../../core/prng';
import type { Fault } from '../../network/faults';
import type { Network } from '../../network/network';
import { isRecord, onlyKeys, wholeNumber } from './fieldChecks';

/**
 * Faults drawn from the run's seed (on top of the scenario's own schedule), so that a
 * counterexample search over seeds explores crash and partition schedules too. Every
 * fault starts before `untilMs`; at `untilMs` partitions heal and crashed agents come
 * back, so the run's tail is a stable, connected network (where liveness is judged).
 */
export interface RandomFaults {
  /** Crash-and-restart pairs, each of one random agent. */
  crashes: number;
  /** Partition-and-heal pairs, each splitting the agents into two random sides. */
  partitions: number;
  untilMs: number;
  /** How long a crash or a partition lasts, drawn uniformly from [downMsMin, downMsMax]. */
  downMsMin: number;
  downMsMax: number;
  /**
   * Each time a leader (a PBFT primary) takes a client command before `untilMs`, the chance that
   * the network isolates it from everyone at that moment, replacing any partition in force:
   * Jepsen's "partition the leader" nemesis at its worst moment, before the command is replicated.
   */
  isolateLeaderProbability: number;
}

export const RANDOM_FAULTS_DEFAULTS: RandomFaults = {
  crashes: 0,
  partitions: 0,
  untilMs: 5_000,
  downMsMin: 100,
  downMsMax: 1_000,
  isolateLeaderProbability: 0,
};

/** Crash or partition pairs one run may draw. */
export const MAX_RANDOM_FAULTS = 1_000;

const KEYS = new Set(Object.keys(RANDOM_FAULTS_DEFAULTS));

/** Checks a `randomFaults` block (defaults filled in); errors name `${field}.<key>`. */
export function validateRandomFaults(x: unknown, field: string): RandomFaults {
  check(isRecord(x), field, 'must be an object');
  onlyKeys(x, KEYS, field, 'random-fault');
  const p = { ...RANDOM_FAULTS_DEFAULTS, ...x };
  const chance = p.isolateLeaderProbability;
  check(
    typeof chance === 'number' && chance >= 0 && chance <= 1,
    `${field}.isolateLeaderProbability`,
    'must be between 0 and 1',
  );
  const out: RandomFaults = {
    crashes: wholeNumber(p.crashes, `${field}.crashes`, 0, MAX_RANDOM_FAULTS),
    partitions: wholeNumber(p.partitions, `${field}.partitions`, 0, MAX_RANDOM_FAULTS),
    untilMs: wholeNumber(p.untilMs, `${field}.untilMs`, 1, MAX_SIM_TIME_MS),
    downMsMin: wholeNumber(p.downMsMin, `${field}.downMsMin`, 1, MAX_SIM_TIME_MS),
    downMsMax: wholeNumber(p.downMsMax, `${field}.downMsMax`, 1, MAX_SIM_TIME_MS),
    isolateLeaderProbability: chance,
  };
  check(out.downMsMax >= out.downMsMin, `${field}.downMsMax`, 'must be ≥ downMsMin');
  return out;
}

/**
 * The fault plan for `agents` agents, a pure function of the generator's state: crashes
 * first, then partitions, then the final heal and recoveries, sorted by time (stable).
 * @example planRandomFaults(new Prng(7), 5, { ...RANDOM_FAULTS_DEFAULTS, crashes: 2 })
 */
export function planRandomFaults(rng: Prng, agents: number, spec: RandomFaults): Fault[] {
  const faults: Fault[] = [];
  if (agents === 0) return faults;
  const { untilMs, downMsMin, downMsMax } = spec;
  const crashed = new Set<number>();
  for (let i = 0; i < spec.crashes; i++) {
    const agent = rng.int(agents);
    const atMs = rng.int(untilMs);
    crashed.add(agent);
    faults.push({ kind: 'crash', atMs, agent });
    faults.push({ kind: 'recover', atMs: Math.min(untilMs, atMs + rng.range(downMsMin, downMsMax)), agent });
  }
  for (let i = 0; i < spec.partitions && agents > 1; i++) {
    const side = rng.sample(agents, rng.range(1, agents - 1)).sort((a, b) => a - b);
    const atMs = rng.int(untilMs);
    faults.push({ kind: 'partition', atMs, groups: [side] });
    faults.push({ kind: 'heal', atMs: Math.min(untilMs, atMs + rng.range(downMsMin, downMsMax)) });
  }
  if (spec.partitions > 0 || spec.isolateLeaderProbability > 0) faults.push({ kind: 'heal', atMs: untilMs });
  for (const agent of [...crashed].sort((a, b) => a - b)) faults.push({ kind: 'recover', atMs: untilMs, agent });
  return faults
    .map((f, i) => ({ f, i }))
    .sort((x, y) => x.f.atMs - y.f.atMs || x.i - y.i)
    .map((x) => x.f);
}

/** Schedules a plan on the network (faults already in the past are skipped: a plan drawn late). */
export function scheduleFaults(net: Network, faults: readonly Fault[]): void {
  for (const fault of faults) if (fault.atMs >= net.now) net.scheduleFault(fault);
}

/**
 * The reactive part of `randomFaults`: told when a leader (or primary) takes a client command,
 * it may isolate that agent at once (see `isolateLeaderProbability`). Draws only from its own
 * generator, and only while the chance is above 0, so runs without it are unchanged.
 */
export class LeaderIsolation {
  constructor(
    private readonly net: Network,
    private readonly rng: Prng,
    private readonly spec: RandomFaults | null,
  ) {}

  /** Returns true when it isolated `leader`. */
  onCommandTaken(leader: number): boolean {
    const spec = this.spec;
    if (spec === null || spec.isolateLeaderProbability === 0 || this.net.now >= spec.untilMs) return false;
    if (!this.rng.chance(spec.isolateLeaderProbability)) return false;
    this.net.partition([[leader]]);
    return true;
  }
}
