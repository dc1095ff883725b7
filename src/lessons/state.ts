import { type RunSummary, resultOf } from '../worker/protocol';
import { agentRange, count, lessonScenario, shareInWords } from './build';
import type { Lesson } from './types';

const stateOf = (s: RunSummary) => resultOf(s, 'replicated-state');

const halves = [
  {
    kind: 'partition',
    atMs: 0,
    groups: [
      ['agent-1', 'agent-2'],
      ['agent-3', 'agent-4'],
    ],
  },
  { kind: 'heal', atMs: 1000 },
];

const replicas = (crdtType: string, network: Record<string, unknown> = {}) =>
  lessonScenario(
    `Replicated ${crdtType}`,
    5,
    { agentCount: 4, builder: { kind: 'mesh' } },
    { kind: 'replicated-state', crdtType, operations: 20 },
    network,
  );

export const concurrentWrites: Lesson = {
  id: 'concurrent-writes',
  title: 'Concurrent writes and what last-writer-wins loses',
  summary: 'During a partition both sides write; a register keeps one value, a set keeps them all.',
  steps: [
    {
      title: 'Last writer wins',
      text: 'Four replicas are split in two for the first second and each side keeps writing one register. Each replica’s vector clock, listed in the Results, shows the two sides’ writes are concurrent: neither happened before the other. A last-writer-wins register resolves that by timestamp.',
      scenario: replicas('register', { faults: halves }),
      highlight: 'Run',
      focus: {
        look: 'agent-1 and agent-2, one side of the split, are outlined; agent-3 and agent-4 write on the other side until the network heals.',
        agents: ['agent-1', 'agent-2'],
      },
      observe: {
        text: 'The replicas converge on one single value: the concurrent writes of the other side are silently gone.',
        seen: (s) => stateOf(s)?.converged === true && typeof stateOf(s)?.value === 'number',
        measured: (s) => {
          const r = stateOf(s);
          if (!r) return null;
          return `Your run: ${r.operations} writes; ${r.concurrentMerges} merges met a concurrent write; ${held(s)}: one write kept, every other one gone.`;
        },
      },
    },
    {
      title: 'Keep every concurrent write',
      text: 'Same partition, same number of operations, but an observed-remove set: concurrent adds are merged, not overwritten.',
      scenario: replicas('or-set', { faults: halves }),
      highlight: 'CRDT type',
      focus: {
        look: 'agent-1 and agent-2, one side of the split, are outlined again: this time what they add survives the heal.',
        agents: ['agent-1', 'agent-2'],
      },
      observe: {
        text: 'The replicas converge on a set holding the items added on both sides.',
        seen: (s) => stateOf(s)?.converged === true && ((stateOf(s)?.value as unknown[] | null)?.length ?? 0) > 1,
        measured: (s) => {
          const r = stateOf(s);
          if (!r) return null;
          const items = Array.isArray(r.value) ? `${r.value.length} items (${r.value.join(', ')})` : String(r.value);
          return `Your run: ${r.operations} operations; ${r.concurrentMerges} merges met a concurrent write; ${r.converged ? `every replica holds the same ${items}` : held(s)}.`;
        },
      },
      tryThis: ['Try “map”: each key is its own last-writer-wins register.'],
    },
  ],
};

/** What the replicas hold in the learner's run: one value, or each replica's. */
function held(s: RunSummary): string {
  const r = stateOf(s);
  if (!r) return '';
  if (r.converged) return `every replica holds ${JSON.stringify(r.value)}`;
  return `the replicas disagree (${r.replicas.map((x) => `${x.agentId}: ${JSON.stringify(x.value)}`).join('; ')})`;
}

/** True when the run converged on exactly the sum of the increments it wrote. */
const exactSum = (s: RunSummary) => {
  const r = stateOf(s);
  return r?.converged === true && r.writtenTotal !== null && r.value === r.writtenTotal;
};

/** The run's own numbers: how many increments, their sum, what the replicas hold. */
function counted(s: RunSummary): string | null {
  const r = stateOf(s);
  if (!r || r.writtenTotal === null) return null;
  const held = r.converged
    ? `every replica holds ${r.value}`
    : `the replicas disagree (${r.replicas.map((x) => x.value).join(', ')})`;
  return `Your run: ${r.operations} increments adding up to ${r.writtenTotal}; ${held}; ${r.messages} messages sent, ${r.merges} merged.`;
}

export const counterDuplicates: Lesson = {
  id: 'counter-duplicates',
  title: 'A CRDT counter under duplicate delivery',
  summary: 'A G-Counter merges by maximum, so a message delivered twice changes nothing.',
  steps: [
    {
      title: 'A clean network',
      text: 'Each replica of a grow-only counter (G-Counter) increments only its own entry and gossips its state; a merge keeps, for every agent, the larger of the two counts. Run it and compare what the replicas hold with the sum of the increments written.',
      scenario: replicas('counter'),
      highlight: 'Run',
      focus: {
        look: 'The four replicas are outlined: each counts only its own increments and learns the others’ from their messages.',
        agents: agentRange(1, 4),
      },
      observe: {
        text: 'Every replica holds exactly the sum of the increments written, and each message was merged once (as many merges as messages).',
        seen: (s) => exactSum(s) && stateOf(s)?.merges === stateOf(s)?.messages,
        measured: counted,
      },
    },
    {
      title: 'Messages delivered twice',
      text: 'Now the network delivers some messages twice (the Duplication control). A naive counter that adds every incoming update would count each second copy again; the G-Counter’s per-agent maximum makes a second copy change nothing.',
      scenario: replicas('counter', { duplicationProbability: 0.3 }),
      highlight: 'Duplication',
      focus: {
        look: 'The four replicas are outlined: some of the messages between them now arrive twice, yet every one ends with the same count.',
        agents: agentRange(1, 4),
        messages: ['delta'],
      },
      observe: {
        text: 'Some messages arrive twice and would have been counted again by a naive counter, yet every replica still holds exactly the sum of the increments written.',
        seen: (s) =>
          exactSum(s) && Number(stateOf(s)?.duplicateDeliveries) > 0 && Number(stateOf(s)?.recountedByDuplicates) > 0,
        measured: (s) => {
          const r = stateOf(s);
          if (!r || r.recountedByDuplicates === null) return null;
          const twice = `${r.duplicateDeliveries} messages arrived twice: a counter that adds every incoming update would have added ${r.recountedByDuplicates} more across the replicas; the G-Counter added nothing.`;
          return `${counted(s)} ${twice}`;
        },
      },
      tryThis: ['Add loss as well: the periodic full-state sync repairs lost deltas.'],
    },
  ],
};

const sync = (mode: string) =>
  lessonScenario(
    `Partition and heal, ${mode} sync`,
    5,
    { agentCount: 10, builder: { kind: 'mesh' } },
    { kind: 'sync', mode, keys: 1000, changedKeys: 20 },
    {
      faults: [
        {
          kind: 'partition',
          atMs: 0,
          groups: [
            ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'],
            ['agent-6', 'agent-7', 'agent-8', 'agent-9', 'agent-10'],
          ],
        },
        { kind: 'heal', atMs: 200 },
      ],
    },
  );

/** Bytes sent, as a share of sending every key to every agent once (the run's `baseline`). */
const shareOfBaseline = (s: RunSummary) => {
  const r = resultOf(s, 'sync');
  return r ? r.bytes / r.baseline.bytes : Number.NaN;
};

/** The learner's run's bytes against sending every key to every agent once. */
function wire(s: RunSummary): string | null {
  const r = resultOf(s, 'sync');
  if (!r) return null;
  const share = shareInWords(r.bytes / r.baseline.bytes);
  return `Your run (${r.mode} sync): ${r.upToDate} of ${r.agents} agents up to date; ${count(r.bytes)} bytes in ${r.messages} messages, ${share} sending every key to every agent once (${count(r.baseline.bytes)} bytes).`;
}

const halvesFocus = (look: string, messages?: string[]) => ({ look, agents: agentRange(1, 5), messages });

export const partitionSync: Lesson = {
  id: 'partition-sync',
  title: 'Partition and heal: full vs delta sync',
  summary: 'After a heal, sending only what changed costs a fraction of the bytes.',
  steps: [
    {
      title: 'Full sync',
      text: 'Ten agents share 1,000 keys; 20 change while the swarm is split in two. After the heal, full sync sends every key to every peer.',
      scenario: sync('full'),
      highlight: 'Run',
      focus: halvesFocus(
        'agent-1 to agent-5, one half of the split, are outlined: after the heal, watch how much flows between the halves.',
      ),
      observe: {
        text: 'Every agent is up to date, with about as many bytes on the wire as sending everything.',
        seen: (s) => resultOf(s, 'sync')?.ok === true && shareOfBaseline(s) >= 0.9,
        measured: wire,
      },
    },
    {
      title: 'Delta sync',
      text: 'Delta sync sends only the entries newer than what the peer has.',
      scenario: sync('delta'),
      highlight: 'Mode',
      focus: halvesFocus(
        'agent-1 to agent-5 are outlined again: after the heal, peers first say what they have, then send only what is newer.',
        ['delta_request', 'delta_response'],
      ),
      observe: {
        text: 'Every agent is up to date with far fewer bytes than full sync.',
        seen: (s) => resultOf(s, 'sync')?.ok === true && shareOfBaseline(s) < 0.7,
        measured: wire,
      },
      tryThis: ['Try “version-query”: peers ask first, then fetch.', 'Raise “Changed keys” to 1000.'],
    },
  ],
};
