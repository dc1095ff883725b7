import type { Behaviour } from '../../core/agent';
import type { Fault } from '../../network/faults';
import type { RaftCommandOutcome } from './client';
import type { RaftCluster, RaftMessageCounts } from './cluster';
import type { RaftTeaching } from './params';
import type { RaftVerdict } from './properties';
import type { RaftRole } from './types';

/** Entries of each server's log listed in the summary (the trace has them all). */
export const MAX_LOG_IN_SUMMARY = 200;
/** Elections listed in the summary. */
export const MAX_LEADERS_IN_SUMMARY = 1_000;

export interface RaftServerSummary {
  agentId: string;
  up: boolean;
  role: RaftRole;
  term: number;
  votedFor: string | null;
  commitIndex: number;
  lastApplied: number;
  logLength: number;
  /** The first MAX_LOG_IN_SUMMARY entries. */
  log: { term: number; command: number; value: string }[];
  /** The state machine: values applied, in order. */
  applied: string[];
}

/** A fault with agents named by id (a drawn `randomFaults` plan). */
export type NamedFault =
  | { kind: 'partition'; atMs: number; groups: string[][] }
  | { kind: 'one-way'; atMs: number; from: string[]; to: string[] }
  | { kind: 'heal'; atMs: number }
  | { kind: 'crash' | 'recover'; atMs: number; agent: string };

export interface RaftMessageSummary extends RaftMessageCounts {
  total: number;
  /** All Raft messages (heartbeats and elections included) per committed command; null with none committed. */
  perCommittedCommand: number | null;
  /** One AppendEntries round per command: n − 1 requests and n − 1 replies. */
  theoryPerCommand: number;
  /** AppendEntries that carried entries, per committed command (theory: n − 1). */
  appendsWithEntriesPerCommand: number | null;
}

/** The result of a `raft` run (JSON-serialisable). */
export interface RaftSummary {
  kind: 'raft';
  servers: number;
  durationMs: number;
  /** Cancelled before `durationMs`. */
  stopped: boolean;
  teaching: RaftTeaching;
  /** The five safety properties, each held or violated with its first witness. */
  properties: RaftVerdict[];
  safe: boolean;
  highestTerm: number;
  candidacies: number;
  leaderCount: number;
  leaders: { term: number; agentId: string; atMs: number }[];
  commands: RaftCommandOutcome[];
  committedCommands: number;
  allCommitted: boolean;
  /** Mean and largest time from a command's issue to its commit, over committed commands. */
  commitLatencyMs: { mean: number; max: number } | null;
  messages: RaftMessageSummary;
  serverStates: RaftServerSummary[];
  /** The faults drawn from the seed (`randomFaults`), by agent id. */
  drawnFaults: NamedFault[];
  /** Agents whose lying behaviour Raft does not model (it tolerates crashes, not lies): they ran honestly. */
  ignoredBehaviours: { agentId: string; behaviour: Behaviour }[];
}

export function nameFault(f: Fault, ids: readonly string[]): NamedFault {
  switch (f.kind) {
    case 'partition':
      return { kind: 'partition', atMs: f.atMs, groups: f.groups.map((g) => g.map((a) => ids[a])) };
    case 'one-way':
      return { kind: 'one-way', atMs: f.atMs, from: f.from.map((a) => ids[a]), to: f.to.map((a) => ids[a]) };
    case 'heal':
      return { kind: 'heal', atMs: f.atMs };
    default:
      return { kind: f.kind, atMs: f.atMs, agent: ids[f.agent] };
  }
}

export function serverSummaries(c: RaftCluster): RaftServerSummary[] {
  return c.servers.map((s) => ({
    agentId: c.ids[s.index],
    up: s.up,
    role: s.role,
    term: s.currentTerm,
    votedFor: s.votedFor < 0 ? null : c.ids[s.votedFor],
    commitIndex: s.commitIndex,
    lastApplied: s.lastApplied,
    logLength: s.log.length,
    log: s.log.slice(0, MAX_LOG_IN_SUMMARY).map((e) => ({ term: e.term, command: e.command, value: e.value })),
    applied: s.machine.slice(0, MAX_LOG_IN_SUMMARY),
  }));
}

export function messageSummary(c: RaftCluster, committed: number): RaftMessageSummary {
  const k = c.counts;
  const total = k.requestVote + k.vote + k.append + k.appendReply;
  return {
    ...k,
    total,
    perCommittedCommand: committed > 0 ? total / committed : null,
    theoryPerCommand: 2 * (c.servers.length - 1),
    appendsWithEntriesPerCommand: committed > 0 ? k.appendWithEntries / committed : null,
  };
}

/** Mean and largest time from issue to commit over the committed ones; null with none. */
export function latencyOf(
  commands: readonly { atMs: number; committedAtMs: number | null }[],
): { mean: number; max: number } | null {
  const done = commands.filter((c) => c.committedAtMs !== null).map((c) => (c.committedAtMs as number) - c.atMs);
  if (done.length === 0) return null;
  return { mean: done.reduce((x, y) => x + y, 0) / done.length, max: Math.max(...done) };
}
