/**
 * Silence is not malice: an honest agent cut off by the links the user drew is heard by no one,
 * and the others flag it as silent, but the result does not call it (or anyone) malicious.
 */
import { describe, expect, it } from 'vitest';
import { resultOf, runScenario } from '../../../src/engine/runs/runScenario';
import { validateScenario } from '../../../src/engine/scenario';

function byzantine(agents: { id: string; behaviour?: string }[]) {
  const ring = agents.map((a, i) => [a.id, agents[(i + 1) % agents.length].id]);
  // agent-3 is cut off: its two ring links are gone.
  const links = ring.filter(([a, b]) => a !== 'agent-3' && b !== 'agent-3');
  const checked = validateScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 1,
    topology: { agents, builder: { kind: 'custom' }, links },
    run: { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1, numRounds: 3 },
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  return runScenario(checked.scenario);
}

const six = (behaviour?: (i: number) => string | undefined) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `agent-${i + 1}`,
    ...(behaviour?.(i) ? { behaviour: behaviour(i) } : {}),
  }));

describe('Byzantine on the network: who the result calls malicious', () => {
  it('all honest, one cut off: nobody is malicious; the cut-off agent is named as never heard from', async () => {
    const { summary } = await byzantine(six());
    const meta = resultOf(summary, 'consensus')?.result.metadata as Record<string, unknown>;
    expect(meta.maliciousDetected).toBe(0);
    expect(meta.maliciousAgents).toEqual([]);
    expect(meta.silentAgents).toContain('agent-3');
  });

  it('an equivocator that lies to honest agents is malicious, and is not also listed as silent', async () => {
    const { summary } = await byzantine(six((i) => (i === 4 ? 'equivocate' : undefined)));
    const meta = resultOf(summary, 'consensus')?.result.metadata as Record<string, unknown>;
    expect(meta.maliciousAgents).toEqual(['agent-5']);
    expect(meta.silentAgents).not.toContain('agent-5');
  });
});
