/** Scenario edits the editor and the keyboard share; each is one undoable step. */
import type { MaliciousBehaviour } from '../engine/core/agent';
import { assertHealAfterFault } from './faultTiming';
import { useStore } from './index';
import {
  addAgent,
  moveAgent,
  removeAgents,
  resizeSwarm,
  switchBuilder,
  toggleLink,
  updateAgents,
} from './scenarioEdits';
import type { AgentDraft, BuilderDraft, ScenarioDraft } from './scenarioSlice';

const state = () => useStore.getState();

export function addAgentAt(position: { x: number; y: number }): string {
  let id = '';
  state().edit('Add agent', (s) => {
    const [next, added] = addAgent(s, state().topology, position);
    id = added;
    return next;
  });
  state().select([id]);
  return id;
}

/** Adds an agent near the middle of the swarm (keyboard and toolbar; the mouse can place it by double-click). */
export function addAgentNearCentre(): string {
  const positions = state().topology?.positions ?? new Float64Array();
  const n = positions.length / 2;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += positions[2 * i] / n;
    y += positions[2 * i + 1] / n;
  }
  // A golden-angle spiral keeps successive additions from landing on each other.
  const angle = n * 2.399963;
  const radius = 30 + 4 * Math.sqrt(n);
  return addAgentAt({ x: x + radius * Math.cos(angle), y: y + radius * Math.sin(angle) });
}

/** Schedules a crash (and optionally a recovery, strictly after it) of the selected agents at simulated times. */
export function crashSelectedAt(atMs: number, recoverMs?: number): void {
  const { selected } = state();
  if (selected.length === 0) return;
  assertHealAfterFault(atMs, recoverMs);
  const added: FaultDraft[] = selected.map((agent) => ({ kind: 'crash', atMs, agent }));
  if (recoverMs !== undefined) added.push(...selected.map((agent) => ({ kind: 'recover', atMs: recoverMs, agent })));
  setFaults([...faultsOf(), ...added], selected.length === 1 ? 'Schedule a crash' : 'Schedule crashes');
}

export function removeSelected(): void {
  const { selected } = state();
  if (selected.length === 0) return;
  state().edit(selected.length === 1 ? 'Remove agent' : 'Remove agents', (s) =>
    removeAgents(s, state().topology, selected),
  );
  state().select([]);
}

export function moveAgentTo(id: string, position: { x: number; y: number }): void {
  state().edit('Move agent', (s) => moveAgent(s, state().topology, id, position));
}

export function toggleLinkBetween(a: string, b: string): void {
  state().edit('Connect agents', (s) => toggleLink(s, state().topology, a, b));
}

/** Links or unlinks the first two selected agents. */
export function toggleLinkSelected(): void {
  const [a, b] = state().selected;
  if (a && b) toggleLinkBetween(a, b);
}

export function setAgentFields(
  ids: readonly string[],
  changes: Partial<Omit<AgentDraft, 'id'>>,
  label = 'Edit agent',
): void {
  if (ids.length === 0) return;
  state().edit(label, (s) => updateAgents(s, state().topology, ids, changes));
}

/** Makes the selected agents malicious with `behaviour`, or honest again if they all already are. */
export function toggleMaliciousSelected(behaviour: MaliciousBehaviour = 'equivocate'): void {
  const { selected, topology } = state();
  if (selected.length === 0 || !topology) return;
  const byId = new Map(topology.agents.map((a) => [a.id, a]));
  const allMalicious = selected.every((id) => (byId.get(id)?.behaviour ?? 'honest') !== 'honest');
  setAgentFields(
    selected,
    { behaviour: allMalicious ? 'honest' : behaviour },
    allMalicious ? 'Make honest' : 'Make malicious',
  );
}

type FaultDraft = { kind: string; atMs: number; agent?: string; groups?: string[][] };

const faultsOf = () => (state().scenario.network.faults as FaultDraft[] | undefined) ?? [];

/** Crashes the selected agents from the start of the run, or removes that crash. */
export function toggleCrashSelected(): void {
  const { selected } = state();
  if (selected.length === 0) return;
  const faults = faultsOf();
  const crashedAtStart = (id: string) => faults.some((f) => f.kind === 'crash' && f.agent === id && f.atMs === 0);
  const crash = !selected.every(crashedAtStart);
  const kept = faults.filter((f) => !(f.kind === 'crash' && f.atMs === 0 && f.agent && selected.includes(f.agent)));
  const added = crash ? selected.map((agent) => ({ kind: 'crash', atMs: 0, agent })) : [];
  state().edit(crash ? 'Crash agent' : 'Recover agent', (s) => ({
    ...s,
    network: { ...s.network, faults: [...kept, ...added] },
  }));
}

export function setFaults(faults: FaultDraft[], label: string): void {
  state().edit(label, (s) => ({ ...s, network: { ...s.network, faults } }));
}

/** Cuts the selected agents off from the rest at `atMs` (and heals at `healMs`, strictly after it, when given). */
export function cutOffSelected(atMs: number, healMs?: number): void {
  const { selected } = state();
  if (selected.length === 0) return;
  assertHealAfterFault(atMs, healMs);
  const next: FaultDraft[] = [...faultsOf(), { kind: 'partition', atMs, groups: [[...selected]] }];
  if (healMs !== undefined) next.push({ kind: 'heal', atMs: healMs });
  setFaults(next, 'Cut off agents');
}

export function selectNeighbour(direction: 1 | -1): void {
  const { topology, selected, select } = state();
  if (!topology || topology.agents.length === 0) return;
  const ids = topology.agents.map((a) => a.id);
  const current = selected.length ? ids.indexOf(selected[selected.length - 1]) : -1;
  const next = (current + direction + ids.length) % ids.length;
  select([ids[current < 0 && direction < 0 ? ids.length - 1 : next]]);
}

/**
 * Count changes in a row (typing "20" over "8" passes through "2") are each made
 * from the draft before the first of them, so agents dropped on the way come back
 * with what the user gave them. Any other edit (or undo) ends the row.
 */
let resizeRow: { base: ScenarioDraft; result: ScenarioDraft } | null = null;

export function changeAgentCount(count: number): void {
  const { scenario, topology } = state();
  const base = resizeRow && resizeRow.result === scenario ? resizeRow.base : scenario;
  const next = resizeSwarm(base, topology, count);
  if (next === scenario) return;
  state().edit('Change agent count', () => next);
  resizeRow = state().scenario === next ? { base, result: next } : null;
}

/** Changes the builder (or its parameters); "Custom" starts from the links as drawn. */
export function changeBuilder(builder: BuilderDraft): void {
  state().edit('Change topology', (s) => switchBuilder(s, state().topology, builder));
}
