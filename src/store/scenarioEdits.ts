/**
 * Pure edits of a scenario draft. Structural edits (agents, links, positions)
 * first "materialise" a generated topology — its agents and links written out
 * with the positions they are drawn at — so the swarm stays exactly as the user
 * sees it, pinned, and the builder becomes `custom`.
 */
import type { DrawnTopology } from '../worker/protocol';
import type { AgentDraft, BuilderDraft, ScenarioDraft } from './scenarioSlice';

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

/** The drawn topology when it is the one of `draft` (same agents in the same order); a layout still pending is not. */
export function drawnFor(draft: ScenarioDraft, topology: DrawnTopology | null): DrawnTopology | null {
  if (!topology) return null;
  const { agents, agentCount } = draft.topology;
  if (agents) {
    if (agents.length !== topology.agents.length) return null;
    return agents.every((a, i) => topology.agents[i].id === a.id) ? topology : null;
  }
  return topology.agents.length === agentCount ? topology : null;
}

/** True for an agent that says nothing `agentCount` alone would not: the default agent at index i. */
function isDefaultAgent(a: AgentDraft, i: number): boolean {
  const policy = a.policy as { kind?: string; vote?: string } | undefined;
  return (
    a.id === `agent-${i + 1}` &&
    (a.label === undefined || a.label === a.id) &&
    (a.weight === undefined || a.weight === 1) &&
    (a.capabilities === undefined || a.capabilities.length === 0) &&
    (a.behaviour === undefined || a.behaviour === 'honest') &&
    (policy === undefined || (policy.kind === 'fixed' && policy.vote === 'for' && Object.keys(policy).length === 2)) &&
    a.position === undefined
  );
}

/** A generated swarm whose agents are all defaults is written as just a count. */
function compact(draft: ScenarioDraft): ScenarioDraft {
  const { agents, builder, links } = draft.topology;
  if (!agents || builder.kind === 'custom' || (links && links.length > 0) || !agents.every(isDefaultAgent))
    return draft;
  return { ...draft, topology: { agentCount: agents.length, builder } };
}

type FaultLike = { agent?: string; groups?: string[][]; from?: string[]; to?: string[] };

/** The faults without the agents in `gone`: faults of a gone agent go, groups and sides lose them. */
export function faultsWithout(faults: readonly unknown[], gone: ReadonlySet<string>): unknown[] {
  const out: unknown[] = [];
  for (const raw of faults) {
    const f = raw as FaultLike;
    if (f.agent !== undefined && gone.has(f.agent)) continue;
    const keep = (ids: string[]) => ids.filter((id) => !gone.has(id));
    const next: FaultLike = { ...f };
    if (f.groups) next.groups = f.groups.map(keep).filter((g) => g.length > 0);
    if (f.from) next.from = keep(f.from);
    if (f.to) next.to = keep(f.to);
    if (
      (f.groups && next.groups?.length === 0) ||
      (f.from && next.from?.length === 0) ||
      (f.to && next.to?.length === 0)
    )
      continue;
    out.push(next);
  }
  return out;
}

/** Positions for `count` new agents: a golden-angle spiral around the swarm's centre, clear of each other. */
function spiralPositions(existing: readonly { x: number; y: number }[], count: number): { x: number; y: number }[] {
  const n = existing.length;
  const cx = n ? existing.reduce((s, p) => s + p.x, 0) / n : 0;
  const cy = n ? existing.reduce((s, p) => s + p.y, 0) / n : 0;
  return Array.from({ length: count }, (_, j) => {
    const k = n + j;
    const angle = k * 2.399963;
    const radius = 30 + 12 * Math.sqrt(k);
    return { x: round(cx + radius * Math.cos(angle)), y: round(cy + radius * Math.sin(angle)) };
  });
}

/**
 * Sets the number of agents, keeping what the user made: the first `count`
 * agents keep their behaviour, weight, label, policy and position; links among
 * them stay (a custom swarm never becomes a mesh); faults lose the agents that
 * went. New agents are defaults, placed near the swarm when it is pinned.
 */
export function resizeSwarm(draft: ScenarioDraft, topology: DrawnTopology | null, count: number): ScenarioDraft {
  if (!Number.isInteger(count) || count < 1) return { ...draft, topology: { ...draft.topology, agentCount: count } };
  if ((draft.topology.agents?.length ?? draft.topology.agentCount) === count) return draft;
  const custom = draft.topology.builder.kind === 'custom';
  const drawn = drawnFor(draft, topology);
  const source = custom ? materialise(draft, drawn) : draft;
  const current = source.topology.agents ?? agentsOf(draft, drawn);
  const kept = current.slice(0, count);
  const ids = new Set(kept.map((a) => a.id));
  const fresh: AgentDraft[] = [];
  for (let n = 1; kept.length + fresh.length < count; n++) {
    const id = `agent-${n}`;
    if (!ids.has(id)) fresh.push({ id });
    ids.add(id);
  }
  const pinned = kept.flatMap((a) => (a.position ? [a.position] : []));
  if (pinned.length > 0 && pinned.length === kept.length) {
    spiralPositions(pinned, fresh.length).forEach((p, j) => {
      fresh[j].position = p;
    });
  }
  const gone = new Set(current.slice(count).map((a) => a.id));
  const links = (source.topology.links ?? []).filter(([a, b]) => !gone.has(a) && !gone.has(b));
  const faults = (source.network.faults as unknown[] | undefined) ?? [];
  const { agentCount: _dropped, ...rest } = source.topology;
  return compact({
    ...source,
    topology: { ...rest, agents: [...kept, ...fresh], ...(source.topology.links ? { links } : {}) },
    network: gone.size > 0 ? { ...source.network, faults: faultsWithout(faults, gone) } : source.network,
  });
}

/**
 * Changes how the swarm is built. "Custom" starts from the swarm as drawn (its
 * links written out, agents pinned where they are); another builder keeps the
 * agents' fields but lets the builder make the links and the layout.
 */
export function switchBuilder(
  draft: ScenarioDraft,
  topology: DrawnTopology | null,
  builder: BuilderDraft,
): ScenarioDraft {
  const from = draft.topology.builder;
  if (builder.kind === 'custom') return from.kind === 'custom' ? draft : materialise(draft, drawnFor(draft, topology));
  const { agents, links } = draft.topology;
  if (!agents) return { ...draft, topology: { ...draft.topology, builder } };
  const sameKind = from.kind === builder.kind;
  // A new kind of builder lays the swarm out anew: positions pinned for the old one would fight it.
  const next = sameKind ? agents : agents.map(({ position: _p, ...a }) => a);
  const topologyOut: ScenarioDraft['topology'] = { agents: next, builder };
  if (from.kind !== 'custom' && links && links.length > 0) topologyOut.links = links;
  return compact({ ...draft, topology: topologyOut });
}

/** A fault or a client command added at the player's cursor during replay. */
export type CursorEdit =
  | { kind: 'crash' | 'recover'; agent: string }
  | { kind: 'partition'; agents: readonly string[] }
  | { kind: 'heal' }
  | { kind: 'command' };

/** Run kinds whose run block schedules client commands (`run.commands: [{ atMs, value }]`). */
export const COMMAND_KINDS: ReadonlySet<string> = new Set(['raft', 'pbft']);

/**
 * The draft with `change` scheduled at simulated time `atMs` (whole ms): a crash, a restart, the
 * given agents cut off from the rest, a heal — appended to the network's faults — or, for a run
 * that takes client commands, one more command (appended, so the earlier commands keep their ids).
 * @example addAtTime(draft, { kind: 'crash', agent: 'agent-3' }, 1200).network.faults.at(-1) // { kind: 'crash', atMs: 1200, agent: 'agent-3' }
 */
export function addAtTime(draft: ScenarioDraft, change: CursorEdit, atMs: number): ScenarioDraft {
  const t = Math.max(0, Math.round(atMs));
  if (change.kind === 'command') {
    const commands = Array.isArray(draft.run.commands) ? (draft.run.commands as unknown[]) : [];
    return { ...draft, run: { ...draft.run, commands: [...commands, { atMs: t, value: `x=${commands.length + 1}` }] } };
  }
  const fault =
    change.kind === 'partition'
      ? { kind: 'partition', atMs: t, groups: [[...change.agents]] }
      : change.kind === 'heal'
        ? { kind: 'heal', atMs: t }
        : { kind: change.kind, atMs: t, agent: change.agent };
  const faults = (draft.network.faults as unknown[] | undefined) ?? [];
  return { ...draft, network: { ...draft.network, faults: [...faults, fault] } };
}
