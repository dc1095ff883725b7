import type { RaftEntry } from './types';
import { PropertyRecorder, type PropertyVerdict } from './verdict';

/** Raft's safety properties (the extended paper, Figure 3). */
export type RaftPropertyName =
  | 'electionSafety'
  | 'leaderAppendOnly'
  | 'logMatching'
  | 'leaderCompleteness'
  | 'stateMachineSafety';

export const RAFT_PROPERTIES: readonly RaftPropertyName[] = [
  'electionSafety',
  'leaderAppendOnly',
  'logMatching',
  'leaderCompleteness',
  'stateMachineSafety',
];

/** What each property says, for the UI and the lessons. */
export const RAFT_PROPERTY_STATEMENTS: Record<RaftPropertyName, string> = {
  electionSafety: 'At most one leader can be elected in a given term.',
  leaderAppendOnly: 'A leader never overwrites or deletes entries in its log; it only appends new entries.',
  logMatching:
    'If two logs contain an entry with the same index and term, the logs are identical in all entries up through that index.',
  leaderCompleteness:
    'If a log entry is committed in a given term, that entry is present in the logs of the leaders of all higher terms.',
  stateMachineSafety:
    'If a server has applied a log entry at a given index, no other server ever applies a different entry for that index.',
};

/** Who and where a property broke: agent ids, the terms and log indices involved, and when. */
export interface RaftWitness {
  agents: string[];
  terms: number[];
  indices: number[];
  atMs: number;
  explanation: string;
}

export type RaftVerdict = PropertyVerdict<RaftPropertyName, RaftWitness>;

interface LeaderRecord {
  agent: number;
  term: number;
  voters: number[];
  /** Entry uids of its log when elected, by index − 1 (a leader only appends, so its log keeps them). */
  uids: number[];
}

interface CommitRecord {
  index: number;
  uid: number;
  entryTerm: number;
  /** The term of the leader that committed it. */
  term: number;
  agent: number;
}

/**
 * Checks the five properties as the run goes, from the events the servers report (an
 * election, a log write or truncation, a commit, an apply), and keeps each property's
 * first witness. `onViolation` is told the first time a property breaks (for the trace).
 */
export class RaftHistory {
  private readonly recorders = Object.fromEntries(
    RAFT_PROPERTIES.map((name) => [name, new PropertyRecorder<RaftPropertyName, RaftWitness>(name)]),
  ) as Record<RaftPropertyName, PropertyRecorder<RaftPropertyName, RaftWitness>>;
  private readonly leaderOfTerm = new Map<number, LeaderRecord>();
  private readonly leaders: LeaderRecord[] = [];
  /** (index, term) → the first prefix hash seen there and whose log it was. */
  private readonly prefixAt = new Map<string, { hash: number; agent: number }>();
  private readonly commitAt = new Map<number, CommitRecord>();
  private readonly appliedAt = new Map<number, { uid: number; term: number; agent: number }>();

  constructor(
    private readonly ids: readonly string[],
    private readonly onViolation: (property: RaftPropertyName, agent: number) => void = () => {},
  ) {}

  /** Election Safety, and Leader Completeness against every entry committed so far. */
  leaderElected(agent: number, term: number, log: readonly RaftEntry[], voters: number[], atMs: number): void {
    const record: LeaderRecord = { agent, term, voters, uids: log.map((e) => e.uid) };
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, record);
    else {
      this.violate('electionSafety', agent, {
        agents: [this.ids[other.agent], this.ids[agent]],
        terms: [term],
        indices: [],
        atMs,
        explanation: `two leaders in term ${term}: ${this.ids[other.agent]} (votes of ${this.names(other.voters)}) and ${this.ids[agent]} (votes of ${this.names(voters)})`,
      });
    }
    this.leaders.push(record);
    for (const c of this.commitAt.values()) if (c.term < term) this.checkCompleteness(record, c, atMs);
  }

  /** Log Matching: the entry at `index` of `agent`'s log, whose prefix (itself included) hashes to `hash`. */
  entryWritten(agent: number, index: number, entry: RaftEntry, hash: number, atMs: number): void {
    const key = `${index}:${entry.term}`;
    const seen = this.prefixAt.get(key);
    if (seen === undefined) this.prefixAt.set(key, { hash, agent });
    else if (seen.hash !== hash) {
      this.violate('logMatching', agent, {
        agents: [this.ids[seen.agent], this.ids[agent]],
        terms: [entry.term],
        indices: [index],
        atMs,
        explanation: `${this.ids[seen.agent]} and ${this.ids[agent]} both hold an entry of term ${entry.term} at index ${index}, but their logs differ up to it`,
      });
    }
  }

  /** Leader Append-Only: a server removed entries from `fromIndex` on while it was leader of `term`. */
  logTruncated(agent: number, fromIndex: number, isLeader: boolean, term: number, atMs: number): void {
    if (!isLeader) return;
    this.violate('leaderAppendOnly', agent, {
      agents: [this.ids[agent]],
      terms: [term],
      indices: [fromIndex],
      atMs,
      explanation: `leader ${this.ids[agent]} of term ${term} deleted its entries from index ${fromIndex}`,
    });
  }

  /** A leader of `term` committed `entries` (at indices `fromIndex`…): Leader Completeness for later leaders. */
  committed(agent: number, term: number, fromIndex: number, entries: readonly RaftEntry[], atMs: number): void {
    entries.forEach((entry, i) => {
      const index = fromIndex + i;
      if (this.commitAt.has(index)) return;
      const record: CommitRecord = { index, uid: entry.uid, entryTerm: entry.term, term, agent };
      this.commitAt.set(index, record);
      for (const leader of this.leaders) if (leader.term > term) this.checkCompleteness(leader, record, atMs);
    });
  }

  /** State Machine Safety: `agent` applied `entry` at `index`. */
  applied(agent: number, index: number, entry: RaftEntry, atMs: number): void {
    const first = this.appliedAt.get(index);
    if (first === undefined) this.appliedAt.set(index, { uid: entry.uid, term: entry.term, agent });
    else if (first.uid !== entry.uid) {
      this.violate('stateMachineSafety', agent, {
        agents: [this.ids[first.agent], this.ids[agent]],
        terms: [first.term, entry.term],
        indices: [index],
        atMs,
        explanation: `${this.ids[first.agent]} applied an entry of term ${first.term} at index ${index}; ${this.ids[agent]} applied a different one, of term ${entry.term}`,
      });
    }
  }

  verdicts(): RaftVerdict[] {
    return RAFT_PROPERTIES.map((name) => this.recorders[name].verdict());
  }

  private checkCompleteness(leader: LeaderRecord, c: CommitRecord, atMs: number): void {
    if (leader.uids[c.index - 1] === c.uid) return;
    this.violate('leaderCompleteness', leader.agent, {
      agents: [this.ids[c.agent], this.ids[leader.agent]],
      terms: [c.term, leader.term],
      indices: [c.index],
      atMs,
      explanation: `${this.ids[c.agent]} committed the entry at index ${c.index} (of term ${c.entryTerm}) in term ${c.term}, but ${this.ids[leader.agent]} became leader of term ${leader.term} without it`,
    });
  }

  private violate(property: RaftPropertyName, agent: number, witness: RaftWitness): void {
    if (this.recorders[property].violate(witness)) this.onViolation(property, agent);
  }

  private names(agents: readonly number[]): string {
    return agents.map((a) => this.ids[a]).join(', ');
  }
}

/** The hash of a log prefix extended by one entry: equal prefixes of entry uids hash equally (53 bits). */
export function extendPrefixHash(prev: number, uid: number): number {
  const hi = Math.floor(prev / 2097152) | 0;
  const lo = prev % 2097152;
  let a = Math.imul(hi ^ uid, 0x85ebca6b);
  a ^= a >>> 13;
  let b = Math.imul(lo ^ Math.imul(uid, 0x9e3779b1) ^ a, 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0) * 2097152 + (b >>> 11);
}
