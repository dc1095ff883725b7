import { check, checkLimit, ValidationError } from '../core/errors';
import { MAX_ROUNDS } from '../core/limits';
import type { Prng } from '../core/prng';

export type Order = 'attack' | 'retreat';

/** What a traitor sends instead of `honest`; `path` is the relay chain, commander first. */
export type TraitorChoice = (message: { path: readonly number[]; to: number; honest: Order }) => Order;
/**
 * 'flip': always the opposite of the honest value. 'split': attack to even-numbered
 * recipients, retreat to odd. 'equivocate': lies to the first, third, … recipient of
 * each message set and tells the others the truth (a traitorous commander splits its
 * lieutenants; a traitorous lieutenant with one listener lies to it). 'lie-in-relay':
 * honest as commander, the opposite in every relay. 'random': a coin per message.
 */
export type TraitorStrategy = 'flip' | 'split' | 'equivocate' | 'lie-in-relay' | 'random' | TraitorChoice;

export interface OralMessagesOptions {
  /** Generals, the commander (index 0) included. */
  generals: number;
  /** Rounds of relaying; default ⌊(generals − 1) / 3⌋ (`defaultOralM`), at most generals − 2 (`oralMRule`). */
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

/** A general and the order it gave (the commander) or obeys (a lieutenant). */
export interface OrderWitness {
  general: number;
  order: Order;
}

/**
 * The two interactive-consistency conditions of the Byzantine generals problem, each
 * held or violated, with the generals that show it.
 */
export interface InteractiveConsistency {
  /** IC1: all loyal lieutenants obey the same order. Witnesses: every loyal lieutenant and what it obeys. */
  ic1: { held: boolean; witnesses: OrderWitness[] };
  /**
   * IC2: if the commander is loyal, every loyal lieutenant obeys its order (held, and
   * `applies: false`, under a traitorous commander). Witnesses: the lieutenants that
   * disobeyed when violated, else every loyal lieutenant.
   */
  ic2: { held: boolean; applies: boolean; commander: OrderWitness; witnesses: OrderWitness[] };
}

export interface OralMessagesOutcome extends OrdersVerdict {
  generals: number;
  m: number;
  traitors: number[];
  commanderOrder: Order;
  /** The order each loyal lieutenant obeys, by index. */
  decisions: Record<number, Order>;
  messages: number;
  log: OralMessage[];
}

/** The default number of relay rounds: ⌊(n − 1) / 3⌋, the most traitors n generals can outvote (n > 3m). */
export function defaultOralM(generals: number): number {
  return Math.max(0, Math.floor((generals - 1) / 3));
}

/**
 * Why `m` relay rounds are refused for `generals` generals, in words (undefined when
 * they are fine). Round r sends along paths of r + 1 distinct generals, so after
 * n − 2 rounds no lieutenant is left to hear another relay: m ≤ n − 2 (0 for n ≤ 2).
 * @example oralMRule(2, 3) // 'must be at most n − 2 = 1 for 3 generals: …'
 */
export function oralMRule(m: number, generals: number): string | undefined {
  if (!Number.isInteger(m) || m < 0) return 'must be a whole number ≥ 0';
  const max = Math.max(0, generals - 2);
  if (m > max)
    return `must be at most n − 2 = ${max} for ${generals} generals: each relay round adds a general to the path, so after n − 2 rounds no lieutenant is left to hear a relay`;
  return undefined;
}

/** Checks m against n (a ValidationError on `field`) and the round and message limits (LimitError). */
export function checkOralM(m: number, generals: number, field: string): void {
  const rule = oralMRule(m, generals);
  if (rule) throw new ValidationError(field, rule);
  checkLimit('MAX_ROUNDS', MAX_ROUNDS, m);
  checkLimit('MAX_ORAL_MESSAGES', MAX_ORAL_MESSAGES, oralMessageCount(generals, m));
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
    this.m = options.m ?? defaultOralM(n);
    checkOralM(this.m, n, 'm');
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
    return {
      generals: this.generals,
      m: this.m,
      traitors: [...this.traitors].sort((a, b) => a - b),
      commanderOrder: this.commanderOrder,
      decisions,
      messages,
      log,
      ...judgeOrders(decisions, !this.traitors.has(0), this.commanderOrder),
    };
  }
}

/** IC1 and IC2 judged over what the loyal lieutenants decided, and the old one-rule summary beside them. */
export interface OrdersVerdict extends InteractiveConsistency {
  /** IC1 held. */
  agreement: boolean;
  /** IC2 held. */
  validity: boolean;
  /** The first rule broken (IC1 before IC2); IC2's witnesses start with the commander. */
  violation?: { rule: 'IC1' | 'IC2'; witnesses: OrderWitness[] };
}

/**
 * Judges IC1 and IC2 from the loyal lieutenants' decisions (general number → order).
 * @example judgeOrders({ 1: 'retreat' }, true, 'attack').ic2.held // false: the loyal commander said attack
 */
export function judgeOrders(
  decisions: Readonly<Record<number, Order>>,
  commanderLoyal: boolean,
  commanderOrder: Order,
): OrdersVerdict {
  const loyal = Object.keys(decisions)
    .map(Number)
    .sort((a, b) => a - b);
  const all = loyal.map((general) => ({ general, order: decisions[general] }));
  const agreement = all.every((w) => w.order === all[0].order);
  const disobeyed = all.filter((w) => w.order !== commanderOrder);
  const validity = !commanderLoyal || disobeyed.length === 0;
  const commander = { general: 0, order: commanderOrder };
  const out: OrdersVerdict = {
    agreement,
    validity,
    ic1: { held: agreement, witnesses: all },
    ic2: { held: validity, applies: commanderLoyal, commander, witnesses: validity ? all : disobeyed },
  };
  if (!agreement) out.violation = { rule: 'IC1', witnesses: all };
  else if (!validity) out.violation = { rule: 'IC2', witnesses: [commander, ...all] };
  return out;
}

/** How many lieutenants not on `path` come before `to`: its place among a message set's recipients. */
function recipientRank(path: readonly number[], to: number): number {
  let rank = 0;
  for (let g = 1; g < to; g++) if (!path.includes(g)) rank++;
  return rank;
}

const opposite = (o: Order): Order => (o === 'attack' ? 'retreat' : 'attack');

/** A traitor's choice function for a named strategy (or the function given). */
export function strategyOf(strategy: TraitorStrategy, rng: Prng | undefined): TraitorChoice {
  if (typeof strategy === 'function') return strategy;
  switch (strategy) {
    case 'flip':
      return ({ honest }) => opposite(honest);
    case 'split':
      return ({ to }) => (to % 2 === 0 ? 'attack' : 'retreat');
    case 'equivocate':
      return ({ path, to, honest }) => (recipientRank(path, to) % 2 === 0 ? opposite(honest) : honest);
    case 'lie-in-relay':
      return ({ path, honest }) => (path.length > 1 ? opposite(honest) : honest);
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
