/**
 * The property a run kind's lesson is about, in words, and the default "within
 * k rounds" for convergence properties. The check itself runs in the worker
 * (src/worker/api/search.ts); this is what the UI says before searching.
 */
type RunDraft = Record<string, unknown> & { kind: string };

export function propertyLabel(run: RunDraft, withinRounds?: number): string | null {
  if (run.kind === 'consensus') {
    if (run.algorithm === 'byzantine') return 'all honest agents decide the same';
    if (run.algorithm === 'oral-messages') return 'loyal generals agree (interactive consistency)';
    if (run.algorithm === 'gossip') return `the vote converges within ${withinRounds ?? run.rounds ?? 5} rounds`;
    return 'a decision before the timeout';
  }
  if (run.kind === 'rumor')
    return withinRounds ? `every live agent is informed within ${withinRounds} rounds` : 'every live agent is informed';
  if (run.kind === 'delegation') return 'no task is lost';
  if (run.kind === 'replicated-state') return 'the replicas converge';
  if (run.kind === 'sync') return 'every live agent is up to date';
  return null;
}

/** Whether the property has a "within k rounds" bound the user can set. */
export const hasRoundBound = (run: RunDraft) =>
  run.kind === 'rumor' || (run.kind === 'consensus' && run.algorithm === 'gossip');

/**
 * A default k for rumor spreading: the mean-field rounds for a full mesh of n
 * (push-pull ≈ log3 n, push ≈ log2 n + ln n), plus slack for sparse topologies.
 */
export function defaultRounds(run: RunDraft, agents: number): number {
  if (run.kind === 'consensus') return Number(run.rounds ?? 5);
  const n = Math.max(2, Number(run.agentCount ?? agents));
  const base = run.mode === 'push-pull' ? Math.log(n) / Math.log(3) : Math.log2(n) + Math.log(n);
  return Math.ceil(base * 1.5) + 2;
}
