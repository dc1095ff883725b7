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
