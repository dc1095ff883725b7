/**
 * What a run kind is made of. Every kind registers one `RunKindMeta` (plain data the UI may
 * import: presets, property names) in catalogue.ts and one `RunKindDescriptor` (its engine) in
 * registry.ts; the scenario schema, the advice, the runner, the CLI, the worker's counterexample
 * search, the run form and the lessons all read these two tables and nothing else.
 */
import type { MaliciousBehaviour } from '../core/agent';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { RunKind, RunSpec, Scenario } from '../scenario/types';
import type { EngineEventName } from '../trace/engineEvents';
import type { Warning } from './advice';
import type { Estimator } from './budgetKinds';
import type { RunContext } from './context';

/** A run block of kind K. */
export type RunSpecOf<K extends RunKind> = Extract<RunSpec, { kind: K }>;

/** A scenario whose run block is of kind K. */
export type ScenarioOf<K extends RunKind> = Scenario & { run: RunSpecOf<K> };

/** A starting point for the run form: a label and the parameters the run starts with. */
export interface RunPreset {
  /** Unique among all kinds' presets (the form's menu value). */
  id: string;
  label: string;
  run: Record<string, unknown> & { kind: RunKind };
}

/** A property a run can be checked against (and a counterexample search can try to break). */
export interface PropertyMeta {
  id: string;
  /** What holds, in words ("all honest agents decide the same"). */
  label: string;
  /** Safety: nothing bad happens; liveness: something good happens (within a bound, if any). */
  sort: 'safety' | 'liveness';
  /** Set when the property reads "within k rounds": the default k for this run. */
  roundBound?: number;
}

/** How a property was broken, in words, and the agents that show it. */
export interface Violation {
  property: string;
  message: string;
  witnesses: { agentId: string; detail: string }[];
}

/** What the behaviours a kind models do in it, in words (`silent` always). */
export type BehaviourWords = Partial<Record<MaliciousBehaviour, string>> & { silent: string };

/** A silent agent in a kind that gives it no part of its own: the network's rule. */
export const SILENT_SENDS_NOTHING = 'sends and relays nothing (the network drops every message it would send)';

/** The UI-safe half of a kind: data and pure functions of a run block, no engine code. */
export interface RunKindMeta<K extends RunKind = RunKind> {
  kind: K;
  label: string;
  /** Menu entries of the run form, in order. */
  presets: readonly RunPreset[];
  /** Which preset a run block belongs to (for the form's menu). */
  presetOf(run: Record<string, unknown>): string;
  /** The properties this run block is checked against, the one a lesson is about first. */
  properties(run: Record<string, unknown>, agents: number): PropertyMeta[];
  /** Engine event names the kind writes to the trace (its vocabulary, documented with its types). */
  events: readonly EngineEventName[];
  /**
   * What each malicious behaviour does in this run block, in words. A behaviour left out is not
   * modelled by the kind: its agents take part as honest ones, and the advice names them (see
   * behaviourAdvice.ts), so no behaviour the user set is ever ignored unsaid. `silent` is always
   * there: the network drops whatever a silent agent sends, in every kind.
   */
  behaviours(run: Record<string, unknown>): BehaviourWords;
  /** Said after the agents whose behaviour the kind does not model ("Try PBFT for malicious replicas."). */
  unmodelledHint?: string;
  /**
   * Words for the narration of the current moment: one of the kind's engine events as a short
   * sentence ("agent-2 decided: approved"), or null to leave it unsaid. `agent` and `peer` are
   * agent ids ('' and null when the event names none). Also asked about a message, as
   * `narrate('message', { tag, payload }, from, to)`: then it returns what the message carries
   * ("'for'", "an echo of 'for'") and null leaves the tag's own words. Optional: a kind without
   * it is narrated from the network's events and the event names alone.
   */
  narrate?(name: string, detail: unknown, agent: string, peer: string | null): string | null;
}

/** The engine half of a kind. `R` is its result: JSON-serialisable, part of the run summary. */
export interface RunKindDescriptor<K extends RunKind, R> {
  meta: RunKindMeta<K>;
  /** True when the run models a well-mixed population without a swarm (no topology, no network). */
  wellMixed?(run: RunSpecOf<K>): boolean;
  /** Rules only the engine knows, before the run (throws a ValidationError naming the field), and warnings. */
  advise(scenario: ScenarioOf<K>, swarm: SwarmCoordinator): Warning[];
  run(ctx: RunContext, scenario: ScenarioOf<K>): R | Promise<R>;
  /** What the run will cost (events, bytes, steps), from its parameters and the built swarm, before it runs. */
  estimate: Estimator<K>;
  /** Messages exchanged, for runs that exchange them in memory rather than on the network. */
  messages?(result: R): number | undefined;
  /** Checks a property by id on a result; undefined when it holds. `bound` is the "within k rounds". */
  check(propertyId: string, result: R, bound?: number): Violation | undefined;
}
