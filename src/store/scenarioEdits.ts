/**
 * Pure edits of a scenario draft. Structural edits (agents, links, positions)
 * first "materialise" a generated topology — its agents and links written out
 * with the positions they are drawn at — so the swarm stays exactly as the user
 * sees it, pinned, and the builder becomes `custom`.
 */
import type { DrawnTopology } from '../worker/protocol';
import type { AgentDraft, ScenarioDraft } from './scenarioSlice';

const round = (x: number) => Math.round(x * 10) / 10;

/** The explicit agents of a draft, taken from the drawn topology when the draft only has a count. */
function agentsOf(draft: ScenarioDraft, topology: DrawnTopology | null): AgentDraft[] {
  if (draft.topology.agents) return draft.topology.agents;
  const count = draft.topology.agentCount ?? 0;
  return Array.from({ length: count }, (_, i) => topology?.agents[i] ?? { id: `agent-${i + 1}` }).map((a) => ({
    ...a,
  }));
}

/** The draft with explicit, pinned agents and its current links written out (builder `custom`). */
export function materialise(draft: ScenarioDraft, topology: DrawnTopology | null): ScenarioDraft {
  if (draft.topology.builder.kind === 'custom' && draft.topology.agents) return draft;
  const agents = agentsOf(draft, topology).map((a, i) => ({
    ...a,
    position:
      a.position ??
      (topology ? { x: round(topology.positions[2 * i]), y: round(topology.positions[2 * i + 1]) } : undefined),
  }));
  const links = (topology?.links ?? []).map(([a, b]) => [agents[a].id, agents[b].id] as [string, string]);
  return { ...draft, topology: { agents: agents, builder: { kind: 'custom' }, links } };
}

/** Changes agents' fields without touching the topology's structure. */
export function updateAgents(
  draft: ScenarioDraft,
  topology: DrawnTopology | null,
  ids: readonly string[],
  changes: Partial<Omit<AgentDraft, 'id'>>,
): ScenarioDraft {
  const wanted = new Set(ids);
  const agents = agentsOf(draft, topology).map((a) => (wanted.has(a.id) ? { ...a, ...changes } : a));
  const { agentCount: _dropped, ...rest } = draft.topology;
  return { ...draft, topology: { ...rest, agents: agents } };
}

export function addAgent(
  draft: ScenarioDraft,
  topology: DrawnTopology | null,
  position: { x: number; y: number },
): [ScenarioDraft, string] {
  const next = materialise(draft, topology);
  const agents = next.topology.agents ?? [];
  const taken = new Set(agents.map((a) => a.id));
  let n = agents.length + 1;
  while (taken.has(`agent-${n}`)) n++;
  const id = `agent-${n}`;
  const agent: AgentDraft = { id, position: { x: round(position.x), y: round(position.y) } };
  return [{ ...next, topology: { ...next.topology, agents: [...agents, agent] } }, id];
}

export function removeAgents(
  draft: ScenarioDraft,
  topology: DrawnTopology | null,
  ids: readonly string[],
): ScenarioDraft {
  const next = materialise(draft, topology);
  const gone = new Set(ids);
  const agents = (next.topology.agents ?? []).filter((a) => !gone.has(a.id));
  const links = (next.topology.links ?? []).filter(([a, b]) => !gone.has(a) && !gone.has(b));
  const faults = ((next.network.faults as { agent?: string }[] | undefined) ?? []).filter(
    (f) => !f.agent || !gone.has(f.agent),
  );
  return {
    ...next,
    topology: { ...next.topology, agents: agents, links },
    network: { ...next.network, faults },
  };
}

export function moveAgent(
  draft: ScenarioDraft,
  topology: DrawnTopology | null,
  id: string,
  position: { x: number; y: number },
): ScenarioDraft {
  const next = materialise(draft, topology);
  return updateAgents(next, topology, [id], { position: { x: round(position.x), y: round(position.y) } });
}

/** Links two agents, or unlinks them when they are linked. */
export function toggleLink(draft: ScenarioDraft, topology: DrawnTopology | null, a: string, b: string): ScenarioDraft {
  if (a === b) return draft;
  const next = materialise(draft, topology);
  const links = next.topology.links ?? [];
  const linked = links.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const nextLinks = linked
    ? links.filter(([x, y]) => !((x === a && y === b) || (x === b && y === a)))
    : [...links, [a, b] as [string, string]];
  return { ...next, topology: { ...next.topology, links: nextLinks } };
}
