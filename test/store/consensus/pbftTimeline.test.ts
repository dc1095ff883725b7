import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { PBFT_PHASES, pbftAt } from '../../../src/store/consensus/pbftTimeline';

async function pbft(seed: number, primary: string, n = 4) {
  const agents = Array.from({ length: n }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: i === 0 ? primary : 'honest',
  }));
  const { summary, trace } = await runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed,
      topology: { agents, builder: { kind: 'mesh' } },
      network: { latencyMsMin: 2, latencyMsMax: 20, duplicationProbability: 0.1 },
      run: {
        kind: 'pbft',
        viewChangeTimeoutMs: 300,
        durationMs: 5_000,
        commands: [0, 1, 2].map((k) => ({ atMs: 100 + 200 * k, value: `op-${k}` })),
      },
    }),
  );
  if (summary.runKind !== 'pbft') throw new Error('not pbft');
  return { r: summary.result, trace, n };
}

describe('pbft at the cursor', () => {
  it.each([
    [1, 'honest'],
    [2, 'silent'],
    [3, 'equivocate'],
  ])(
    'at the last event: views, executed requests and commits as the engine reports (seed %i, primary %s)',
    async (seed, primary) => {
      const { r, trace, n } = await pbft(seed, primary, primary === 'equivocate' ? 7 : 4);
      const end = pbftAt(trace, n, r.requests.length, trace.length - 1);
      expect(end.committed).toEqual(r.requests.map((q) => q.committedAtMs !== null));
      expect(end.view).toBe(r.viewChanges);
      r.replicaStates.forEach((state, i) => {
        if (state.behaviour !== 'honest') return;
        const at = end.replicas[i];
        expect(at.view, state.agentId).toBe(state.view);
        const executed = r.requests.filter((_, q) => PBFT_PHASES[at.phase[q]] === 'executed').map((q) => q.value);
        expect(executed.sort(), state.agentId).toEqual([...state.executed].sort());
      });
    },
  );

  it('a silent primary: no request gets past received until the view changes, then they are executed', async () => {
    const { r, trace, n } = await pbft(2, 'silent');
    expect(r.viewChanges).toBeGreaterThanOrEqual(1);
    const firstView = r.views.find((v) => v.view >= 1);
    const before = trace.t.findIndex((t) => t >= (firstView?.atMs ?? 0)) - 1;
    const moment = pbftAt(trace, n, r.requests.length, before);
    expect(moment.view).toBe(0);
    for (const rep of moment.replicas) expect(Math.max(...rep.phase)).toBeLessThanOrEqual(1);
    expect(moment.replicas.slice(1).some((rep) => rep.changingTo !== null)).toBe(true);
  });
});
