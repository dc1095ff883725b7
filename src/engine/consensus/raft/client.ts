import type { RaftCluster } from './cluster';
import { DueQueue, type TimedActions } from './drive';
import type { RaftParams } from './params';
import { acceptCommand } from './replication';

/** What became of one client command. */
export interface RaftCommandOutcome {
  command: number;
  value: string;
  atMs: number;
  /** Times the client handed it to a leader (retries after `clientRetryMs` without an answer). */
  attempts: number;
  /** Log index and time of the first commit by a leader, or null. */
  index: number | null;
  committedAtMs: number | null;
  /** When a server first applied it (the client's answer), or null. */
  answeredAtMs: number | null;
}

/**
 * The client outside the swarm: at each command's time it hands the command to the
 * server it last used if that one still leads, else to the leader of the highest term
 * (the one it would find by asking around); with no answer after `clientRetryMs` it
 * tries the highest-term leader again. Handing over is not a network message: the
 * client is not an agent of the swarm.
 */
export class RaftClient implements TimedActions {
  readonly outcomes: RaftCommandOutcome[];
  private readonly due = new DueQueue<number>();
  private lastLeader = -1;
  /** Told each time a leader takes a command (the leader-isolating nemesis listens). */
  onCommandTaken: (leader: number) => void = () => {};

  constructor(
    private readonly cluster: RaftCluster,
    private readonly params: RaftParams,
  ) {
    this.outcomes = params.commands.map((c, command) => ({
      command,
      value: c.value,
      atMs: c.atMs,
      attempts: 0,
      index: null,
      committedAtMs: null,
      answeredAtMs: null,
    }));
    for (const o of this.outcomes) this.schedule(o.atMs, o.command);
    cluster.onCommitted = (command, index, atMs) => {
      const o = this.outcomes[command];
      if (o.committedAtMs !== null) return;
      o.committedAtMs = atMs;
      o.index = index;
    };
    cluster.onApplied = (command, atMs) => {
      this.outcomes[command].answeredAtMs ??= atMs;
    };
  }

  nextAtMs(): number {
    return this.due.nextAtMs;
  }

  fireDue(nowMs: number): void {
    for (let command = this.due.popDue(nowMs); command !== undefined; command = this.due.popDue(nowMs)) {
      this.attempt(command, nowMs);
    }
  }

  private attempt(command: number, nowMs: number): void {
    const o = this.outcomes[command];
    if (o.answeredAtMs !== null) return;
    const leader = this.pickLeader(o.attempts === 0);
    this.schedule(nowMs + this.params.clientRetryMs, command);
    if (leader < 0) return;
    o.attempts++;
    this.lastLeader = leader;
    if (this.inCurrentTerm(leader, command)) return;
    acceptCommand(this.cluster, leader, command, o.value);
    this.onCommandTaken(leader);
  }

  /** Whether the leader already holds the command in its current term (it would commit with it). */
  private inCurrentTerm(leader: number, command: number): boolean {
    const s = this.cluster.servers[leader];
    for (let i = s.log.length - 1; i >= 0 && s.log[i].term === s.currentTerm; i--) {
      if (s.log[i].command === command) return true;
    }
    return false;
  }

  private pickLeader(sticky: boolean): number {
    const servers = this.cluster.servers;
    const last = this.lastLeader;
    if (sticky && last >= 0 && servers[last].up && servers[last].role === 'leader') return last;
    let best = -1;
    for (const s of servers) {
      if (!s.up || s.role !== 'leader') continue;
      if (best < 0 || s.currentTerm > servers[best].currentTerm) best = s.index;
    }
    return best;
  }

  private schedule(atMs: number, command: number): void {
    this.due.schedule(atMs, command);
  }
}
