import { check, checkLimit } from '../core/errors';
import { MAX_ROUNDS } from '../core/limits';
import type { Prng } from '../core/prng';

export type Order = 'attack' | 'retreat';

/** What a traitor sends instead of `honest`; `path` is the relay chain, commander first. */
export type TraitorChoice = (message: { path: readonly number[]; to: number; honest: Order }) => Order;
export type TraitorStrategy = 'flip' | 'split' | 'random' | TraitorChoice;

export interface OralMessagesOptions {
  /** Generals, the commander (index 0) included. */
  generals: number;
  /** Rounds of relaying; default ⌊(generals − 1) / 3⌋, the most the generals can afford. */
  m?: number;
  /** Indices of the traitors (0 is the commander). */
  traitors?: readonly number[];
  commanderOrder?: Order;
  traitorStrategy?: TraitorStrategy;
  /** Needed by the `random` strategy. */
  rng?: Prng;
  /** Keep every message (for the UI) when there are at most this many. Default 5,000. */
  logLimit?: number;
}

export interface OralMessage {
  path: number[];
  to: number;
  value: Order;
}

export interface OralMessagesOutcome {
  generals: number;
  m: number;
  traitors: number[];
  commanderOrder: Order;
  /** The order each loyal lieutenant obeys, by index. */
  decisions: Record<number, Order>;
  messages: number;
  log: OralMessage[];
  /** IC1: all loyal lieutenants obey the same order. */
  agreement: boolean;
  /** IC2: if the commander is loyal, every loyal lieutenant obeys its order. */
  validity: boolean;
  violation?: { rule: 'IC1' | 'IC2'; witnesses: { general: number; order: Order }[] };
}

/** M(n, 0) = n − 1, M(n, m) = (n − 1) + (n − 1)·M(n − 1, m − 1): messages sent by OM(m) among n generals. */
export function oralMessageCount(n: number, m: number): number {
  if (n <= 1) return 0;
  return m === 0 ? n - 1 : n - 1 + (n - 1) * oralMessageCount(n - 1, m - 1);
}

/** The largest message count we agree to simulate (n = 10, m = 3 sends 3,609). */
export const MAX_ORAL_MESSAGES = 2_000_000;

/** What a lieutenant assumes when a message is missing, and what a tie decides. */
export const OM_DEFAULT_ORDER: Order = 'retreat';

/** Strict majority; a tie falls back to retreat, the same default for every lieutenant. */
export function majority(values: readonly Order[]): Order {
  let attack = 0;
  for (const v of values) if (v === 'attack') attack++;
  const retreat = values.length - attack;
  return attack > retreat ? 'attack' : retreat > attack ? 'retreat' : OM_DEFAULT_ORDER;
}

/**
 * Lamport, Shostak and Pease's oral-messages algorithm OM(m) ("The Byzantine
 * Generals Problem", 1982): the commander sends its order; with m > 0 every
 * lieutenant relays what it got to the others by OM(m − 1), then obeys the
 * majority of the values it ends up with. With n > 3m and at most m traitors,
 * IC1 and IC2 hold; with 3 generals and 1 traitor they can fail.
 * @example new OralMessages({ generals: 4, traitors: [2], commanderOrder: 'attack' }).run().agreement // true
 */
export class OralMessages {
  readonly generals: number;
  readonly m: number;
  readonly traitors: ReadonlySet<number>;
  readonly commanderOrder: Order;
  private readonly choose: TraitorChoice;
  private readonly logLimit: number;

  constructor(options: OralMessagesOptions) {
    const n = options.generals;
    check(Number.isInteger(n) && n >= 2, 'generals', 'must be a whole number ≥ 2');
    this.generals = n;
    this.m = options.m ?? Math.floor((n - 1) / 3);
    check(Number.isInteger(this.m) && this.m >= 0 && this.m <= n - 1, 'm', `must be a whole number in [0, ${n - 1}]`);
    checkLimit('MAX_ROUNDS', MAX_ROUNDS, this.m);
    checkLimit('MAX_ORAL_MESSAGES', MAX_ORAL_MESSAGES, oralMessageCount(n, this.m));
    for (const t of options.traitors ?? [])
      check(Number.isInteger(t) && t >= 0 && t < n, 'traitors', `must be general indices in [0, ${n})`);
    this.traitors = new Set(options.traitors ?? []);
    this.commanderOrder = options.commanderOrder ?? 'attack';
    this.choose = strategyOf(options.traitorStrategy ?? 'flip', options.rng);
    this.logLimit = options.logLimit ?? 5000;
  }

  run(): OralMessagesOutcome {
    const n = this.generals;
    const log: OralMessage[] = [];
    const keepLog = oralMessageCount(n, this.m) <= this.logLimit;
    let messages = 0;
    const send = (path: readonly number[], to: number, honest: Order): Order => {
      const from = path[path.length - 1];
      const value = this.traitors.has(from) ? this.choose({ path, to, honest }) : honest;
      messages++;
      if (keepLog) log.push({ path: [...path], to, value });
      return value;
    };
    const om = (m: number, path: number[], lieutenants: readonly number[], value: Order): Map<number, Order> => {
      const received = new Map<number, Order>();
      for (const l of lieutenants) received.set(l, send(path, l, value));
      if (m === 0) return received;
      const relayed = lieutenants.map((i) =>
        om(
          m - 1,
          [...path, i],
          lieutenants.filter((x) => x !== i),
          received.get(i) as Order,
        ),
      );
      const decided = new Map<number, Order>();
      for (const j of lieutenants) {
        const values = [received.get(j) as Order];
        lieutenants.forEach((i, idx) => {
          if (i !== j) values.push(relayed[idx].get(j) as Order);
        });
        decided.set(j, majority(values));
      }
      return decided;
    };
    const lieutenants = Array.from({ length: n - 1 }, (_, i) => i + 1);
    const final = om(this.m, [0], lieutenants, this.commanderOrder);
    return this.outcome(final, messages, log);
  }

  private outcome(final: Map<number, Order>, messages: number, log: OralMessage[]): OralMessagesOutcome {
    const decisions: Record<number, Order> = {};
    const loyal = [...final.keys()].filter((g) => !this.traitors.has(g));
    for (const g of loyal) decisions[g] = final.get(g) as Order;
    const witnesses = loyal.map((general) => ({ general, order: decisions[general] }));
    const agreement = loyal.every((g) => decisions[g] === decisions[loyal[0]]);
    const validity = this.traitors.has(0) || loyal.every((g) => decisions[g] === this.commanderOrder);
    const out: OralMessagesOutcome = {
      generals: this.generals,
      m: this.m,
      traitors: [...this.traitors].sort((a, b) => a - b),
      commanderOrder: this.commanderOrder,
      decisions,
      messages,
      log,
      agreement,
      validity,
    };
    if (!agreement) out.violation = { rule: 'IC1', witnesses };
    else if (!validity)
      out.violation = { rule: 'IC2', witnesses: [{ general: 0, order: this.commanderOrder }, ...witnesses] };
    return out;
  }
}

/** A traitor's choice function for a named strategy (or the function given). */
export function strategyOf(strategy: TraitorStrategy, rng: Prng | undefined): TraitorChoice {
  if (typeof strategy === 'function') return strategy;
  switch (strategy) {
    case 'flip':
      return ({ honest }) => (honest === 'attack' ? 'retreat' : 'attack');
    case 'split':
      return ({ to }) => (to % 2 === 0 ? 'attack' : 'retreat');
    case 'random':
      check(rng !== undefined, 'rng', "the 'random' traitor strategy needs the run's PRNG");
      return () => (rng.chance(0.5) ? 'attack' : 'retreat');
  }
}

/**
 * One seeded OM(m) scenario: `traitorCount` traitors at random positions, a
 * random commander order and random traitor messages. Used by the seed search
 * that shows 3 generals with 1 traitor failing.
 */
export function randomOralMessages(seedRng: Prng, generals: number, traitorCount: number, m?: number): OralMessages {
  const traitors = seedRng.sample(generals, traitorCount);
  const commanderOrder: Order = seedRng.chance(0.5) ? 'attack' : 'retreat';
  return new OralMessages({ generals, m, traitors, commanderOrder, traitorStrategy: 'random', rng: seedRng });
}
