import { check, checkLimit } from '../core/errors';
import { MAX_AGGREGATE_AGENTS, MAX_ROUNDS } from '../core/limits';
import type { Prng } from '../core/prng';
import { type Csr, maxDegree, pickDistinct } from './sampling';

export type RumorMode = 'push' | 'pull' | 'push-pull';
export const RUMOR_MODES: readonly RumorMode[] = ['push', 'pull', 'push-pull'];

export interface RumorOptions {
  mode: RumorMode;
  /** Contacts per agent per round. Default 1. */
  fanout?: number;
}

export interface RumorStartOptions {
  agentCount: number;
  /** The agent that knows the value at round 0. Default 0. */
  start?: number;
  rng: Prng;
  /** 1 = malicious: learns the value but never forwards it (drops pushes, ignores pulls). */
  droppers?: Uint8Array;
  /** 1 = crashed: never learns, never answers; contacts to it are wasted. */
  crashed?: Uint8Array;
  /** Topology; absent, a well-mixed population (contacts uniform over all other agents). */
  graph?: Csr;
  /** Called for every contact: `informed` says whether it passed the value on. */
  onContact?: (round: number, from: number, to: number, informed: boolean) => void;
}

/** One round's figures; `informed` counts every agent that knows the value, droppers included. */
export interface RumorRoundStats {
  round: number;
  informed: number;
  newlyInformed: number;
  contacts: number;
}

const NEVER = -1;

/**
 * One value spreading through a swarm, round by round (Demers et al.'s rumor
 * mongering; Karp et al.'s push-pull). In a round every live agent contacts
 * `fanout` agents chosen uniformly at random (its neighbours, with a topology):
 * push — an informed agent tells them; pull — an uninformed agent asks them and
 * learns the value if one of them knew it at the start of the round; push-pull —
 * both. Per-agent state is one Int32Array (the round each agent learnt the value),
 * so a million agents cost 4 MB and no object each.
 * @example
 * const run = new RumorSpreading({ mode: 'push-pull', fanout: 1 }).start({ agentCount: 1000, rng: new Prng(1) });
 * while (!run.done) run.step();
 * run.informed // 1000
 */
export class RumorSpreading {
  readonly mode: RumorMode;
  readonly fanout: number;

  constructor(options: RumorOptions) {
    check(RUMOR_MODES.includes(options.mode), 'mode', "must be 'push', 'pull' or 'push-pull'");
    this.mode = options.mode;
    this.fanout = options.fanout ?? 1;
    check(Number.isInteger(this.fanout) && this.fanout >= 1, 'fanout', 'must be a whole number ≥ 1');
  }

  start(options: RumorStartOptions): RumorRun {
    return new RumorRun(this.mode, this.fanout, options);
  }

  /**
   * Runs to the end, to `maxRounds`, or until `stallRounds` rounds in a row
   * inform nobody (droppers or a topology can cut agents off for ever), and
   * returns the informed count after each round, round 0 first.
   */
  run(options: RumorStartOptions & { maxRounds?: number; stallRounds?: number }): {
    informedPerRound: number[];
    run: RumorRun;
  } {
    const run = this.start(options);
    const informedPerRound = [run.informed];
    const max = options.maxRounds ?? MAX_ROUNDS;
    const stallMax = options.stallRounds ?? 100;
    let stalled = 0;
    while (!run.done && run.round < max && stalled < stallMax) {
      const s = run.step();
      stalled = s.newlyInformed === 0 ? stalled + 1 : 0;
      informedPerRound.push(s.informed);
    }
    return { informedPerRound, run };
  }
}

/** A rumor run in progress: `step()` plays one synchronous round. */
export class RumorRun {
  /** The round in which each agent learnt the value, −1 if it has not. */
  readonly learntAt: Int32Array;
  round = 0;
  informed = 1;
  private readonly n: number;
  private readonly picked: Int32Array;
  private readonly crashed: Uint8Array;
  private readonly droppers: Uint8Array;
  private readonly liveTotal: number;
  private liveInformed = 1;
  /** Informed live agents that pass the value on. */
  private spreaders: number;

  constructor(
    readonly mode: RumorMode,
    readonly fanout: number,
    private readonly o: RumorStartOptions,
  ) {
    const n = o.agentCount;
    check(Number.isInteger(n) && n >= 1, 'agentCount', 'must be a whole number ≥ 1');
    checkLimit('MAX_AGGREGATE_AGENTS', MAX_AGGREGATE_AGENTS, n);
    const start = o.start ?? 0;
    check(Number.isInteger(start) && start >= 0 && start < n, 'start', `must be an agent index in [0, ${n})`);
    this.n = n;
    this.learntAt = new Int32Array(n).fill(NEVER);
    this.learntAt[start] = 0;
    // Sized by what can be picked (min(fanout, degree)), never by the fanout alone.
    this.picked = new Int32Array(Math.min(fanout, o.graph ? maxDegree(o.graph) : n - 1));
    // Zero-filled defaults keep the hot loop free of optional checks.
    this.crashed = o.crashed ?? new Uint8Array(n);
    this.droppers = o.droppers ?? new Uint8Array(n);
    check(this.crashed.length === n && this.droppers.length === n, 'crashed', `masks must have ${n} entries`);
    check(this.crashed[start] !== 1, 'start', 'the starting agent must not be crashed');
    let live = 0;
    for (let i = 0; i < n; i++) if (this.crashed[i] !== 1) live++;
    this.liveTotal = live;
    this.spreaders = this.droppers[start] === 1 ? 0 : 1;
  }

  /** True when every live agent knows the value, or nobody who knows it passes it on. */
  get done(): boolean {
    return this.liveInformed === this.liveTotal || this.spreaders === 0;
  }

  /** Plays one round and returns its figures. */
  step(): RumorRoundStats {
    checkLimit('MAX_ROUNDS', MAX_ROUNDS, this.round + 1);
    const r = ++this.round;
    const { n, learntAt: at, crashed, droppers, picked } = this;
    const onContact = this.o.onContact;
    const push = this.mode !== 'pull';
    const pull = this.mode !== 'push';
    const k = Math.min(this.fanout, this.o.graph ? n : n - 1);
    let fresh = 0;
    let spread = 0;
    let contacts = 0;
    for (let i = 0; i < n; i++) {
      if (crashed[i] === 1) continue;
      const ai = at[i];
      const knew = ai !== NEVER && ai < r;
      if (knew ? !push || droppers[i] === 1 : !pull) continue;
      const m = this.choose(i, k);
      contacts += m;
      for (let q = 0; q < m; q++) {
        const j = picked[q];
        let passed = false;
        if (knew) {
          if (at[j] === NEVER && crashed[j] === 0) {
            at[j] = r;
            fresh++;
            spread += 1 - droppers[j];
            passed = true;
          }
        } else if (at[i] === NEVER && at[j] !== NEVER && at[j] < r && droppers[j] === 0 && crashed[j] === 0) {
          at[i] = r;
          fresh++;
          spread += 1 - droppers[i];
          passed = true;
        }
        if (onContact) onContact(r, i, j, passed);
      }
    }
    this.informed += fresh;
    this.liveInformed += fresh;
    this.spreaders += spread;
    return { round: r, informed: this.informed, newlyInformed: fresh, contacts };
  }

  /** Fills `picked` with agent i's contacts this round; returns how many. */
  private choose(i: number, k: number): number {
    const g = this.o.graph;
    if (!g) {
      // Uniform over the other n − 1 agents, distinct within a round.
      pickDistinct(this.o.rng, this.n - 1, k, this.picked);
      for (let q = 0; q < k; q++) if (this.picked[q] >= i) this.picked[q]++;
      return k;
    }
    const base = g.offsets[i];
    const d = g.offsets[i + 1] - base;
    const m = Math.min(k, d);
    pickDistinct(this.o.rng, d, m, this.picked);
    for (let q = 0; q < m; q++) this.picked[q] = g.targets[base + this.picked[q]];
    return m;
  }
}

/**
 * The mean-field (expected-value) recursion for the number of uninformed agents
 * U after each round, with I = n − U: push U' = U·e^(−kI/n), pull U' = U·(U/n)^k,
 * push-pull U' = U·(U/n)^k·e^(−kI/n). Returns the expected informed count per
 * round, round 0 first, until fewer than half an agent is expected uninformed.
 * @example meanFieldRumor({ n: 1e4, mode: 'push', fanout: 1 }).length - 1 // ≈ log2 n + ln n
 */
export function meanFieldRumor(p: {
  n: number;
  mode: RumorMode;
  fanout?: number;
  start?: number;
  maxRounds?: number;
}): number[] {
  const k = p.fanout ?? 1;
  const n = p.n;
  let u = n - (p.start ?? 1);
  const out = [n - u];
  const max = p.maxRounds ?? MAX_ROUNDS;
  while (u >= 0.5 && out.length <= max) {
    const i = n - u;
    const pushKeep = p.mode === 'pull' ? 1 : Math.exp((-k * i) / n);
    const pullKeep = p.mode === 'push' ? 1 : (u / n) ** k;
    u = u * pushKeep * pullKeep;
    out.push(n - u);
  }
  return out;
}
