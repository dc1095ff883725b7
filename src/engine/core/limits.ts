/**
 * Every bound of the simulation, in one place. Exceeding one is a LimitError
 * naming the constant, never a hang or an out-of-memory crash.
 */

/** Agents in a swarm that has a topology (the editor, the network simulator). */
export const MAX_AGENTS = 100_000;
/** Agents in the topology-free aggregate engines (rumor spreading, gossip decide). */
export const MAX_AGGREGATE_AGENTS = 2_000_000;
/** Undirected links held explicitly by a SwarmCoordinator. */
export const MAX_LINKS = 2_000_000;
/** Events recorded in one run's trace. */
export const MAX_TRACE_EVENTS = 20_000_000;
/** Events pending at once in the network's queue (messages in flight, timers, faults). */
export const MAX_PENDING_EVENTS = 16_000_000;
/** Simulated time of one run, in milliseconds (a bit over 11.5 simulated days). */
export const MAX_SIM_TIME_MS = 1_000_000_000;
/** Scheduled network faults in one scenario. */
export const MAX_FAULTS = 10_000;
/** Characters in an agent label. */
export const MAX_LABEL_LENGTH = 200;
/** Capabilities one agent may advertise. */
export const MAX_CAPABILITIES = 64;
/** Rounds of any round-based engine (gossip, rumor spreading, oral messages' m). */
export const MAX_ROUNDS = 10_000;
/** Bytes of one scenario file (checked before the text is parsed). */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;
/** Nesting of arrays and objects in a scenario file (checked before the text is parsed). */
export const MAX_NESTING_DEPTH = 32;
/** Characters in an agent id, a capability or a proposal field name. */
export const MAX_ID_LENGTH = 64;
/** Characters in a scenario's name. */
export const MAX_NAME_LENGTH = 200;
/** Characters in a scenario's description. */
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** An agent's voting weight. */
export const MAX_AGENT_WEIGHT = 1_000_000;
/** Absolute value of a pinned layout coordinate. */
export const MAX_COORDINATE = 1_000_000;
/** One link's latency in simulated milliseconds (the network's timing wheel is sized by it). */
export const MAX_LATENCY_MS = 60_000;
/** Tasks in one delegation run. */
export const MAX_TASKS = 1_000_000;
/** CRDT operations in one replicated-state run. */
export const MAX_CRDT_OPERATIONS = 1_000_000;
/** Keys in one state-sync run. */
export const MAX_SYNC_KEYS = 1_000_000;
/** Validation errors reported for one file (the rest are counted, not listed). */
export const MAX_VALIDATION_ERRORS = 100;
