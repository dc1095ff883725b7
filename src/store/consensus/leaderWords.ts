/**
 * What the leader-based view says in words: a property's verdict at the cursor, the message
 * counts beside the theory, the client's commands so far. Plain functions of the run's summary
 * and the moment read from the trace, so the views only lay them out.
 */
import type { PropertyVerdict, RunResultOf } from '../../worker/protocol';

type RaftResult = RunResultOf<'raft'>;
type PbftResult = RunResultOf<'pbft'>;

/** An engine property name as the kind's property id: `leaderCompleteness` ⇒ `leader-completeness`. */
export const propertyIdOf = (engineName: string): string => engineName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Where a property stands at the cursor: held for the whole run, already broken, or broken later. */
export type VerdictAtCursor = 'held' | 'broken' | 'broken-later' | 'not-yet';

/**
 * A safety property broken in the run is `broken` once the cursor passed the event where it broke
 * (`violated`: engine names, from the trace), else `broken-later`; liveness is judged at the end, so
 * before it a failed one is `not-yet`.
 */
export function verdictAtCursor(p: PropertyVerdict, violated: readonly string[], atEnd: boolean): VerdictAtCursor {
  if (p.held) return 'held';
  if (p.sort === 'liveness') return atEnd ? 'broken' : 'not-yet';
  return violated.some((name) => propertyIdOf(name) === p.id) ? 'broken' : 'broken-later';
}

const round = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Raft's message counts per committed command beside one AppendEntries round's n − 1 requests and replies. */
export function raftMessageLines(r: RaftResult): string[] {
  const m = r.messages;
  const n = r.servers;
  const lines = [
    `${m.total.toLocaleString('en-US')} Raft messages: ${m.requestVote} RequestVote, ${m.vote} votes, ${m.append} AppendEntries (${m.appendWithEntries} carrying entries), ${m.appendReply} replies.`,
  ];
  if (m.perCommittedCommand === null) lines.push('No command was committed, so there is no cost per command.');
  else {
    lines.push(
      `Per committed command: ${round(m.perCommittedCommand)} messages in all (heartbeats and elections included); in theory one round of AppendEntries, 2(n − 1) = ${m.theoryPerCommand}.`,
      `AppendEntries carrying entries per committed command: ${round(m.appendsWithEntriesPerCommand ?? 0)}; in theory n − 1 = ${n - 1}.`,
    );
  }
  return lines;
}

/** PBFT's messages per committed request, phase by phase, beside Castro and Liskov's normal case. */
export function pbftPhaseRows(r: PbftResult): { phase: string; measured: string; theory: string }[] {
  const rows: { phase: string; measured: string; theory: string }[] = r.messages.phases.map((p) => ({
    phase: p.phase,
    measured: p.measured === null ? '—' : round(p.measured),
    theory: String(p.theory),
  }));
  rows.push({
    phase: 'all, view changes included',
    measured: r.messages.perCommittedRequest === null ? '—' : round(r.messages.perCommittedRequest),
    theory: String(r.messages.theoryPerRequest),
  });
  return rows;
}

/** The theory's formulas for PBFT's phases, in words, for n replicas. */
export const PBFT_THEORY_WORDS = {
  'pre-prepare': 'n − 1: the primary to every backup',
  prepare: '(n − 1)²: every backup to every other replica',
  commit: 'n(n − 1): every replica to every other',
} as const;

/** One client command at time `t`: committed by then (where and when), issued and waiting, or not issued yet. */
export function commandWords(c: RaftResult['commands'][number], t: number): string {
  const ms = (x: number) => `${x.toLocaleString('en-US')} ms`;
  if (c.atMs > t) return `“${c.value}”: to be issued at ${ms(c.atMs)}`;
  if (c.committedAtMs !== null && c.committedAtMs <= t)
    return `“${c.value}”: committed at ${ms(c.committedAtMs)} as entry ${c.index}${c.attempts > 1 ? ` after ${c.attempts} tries` : ''}`;
  return `“${c.value}”: issued at ${ms(c.atMs)}, not committed yet`;
}
