import type { CrdtChoice, MergeStrategy, VersionDraft } from '../../store/inspectors/inspectorSlice';
import { SEED_VECTOR_DRAFTS } from '../../store/inspectors/inspectorSlice';

/** The seed document's conflict-resolution examples, ready to load into the merge inspector. */
export interface MergePreset {
  id: string;
  label: string;
  stateKey: string;
  strategy: MergeStrategy;
  crdt: CrdtChoice;
  drafts: VersionDraft[];
}

const draft = (agentId: string, value: string, version: string, timestamp: string, clock = ''): VersionDraft => ({
  agentId,
  value,
  version,
  timestamp,
  clock,
});

export const MERGE_PRESETS: MergePreset[] = [
  {
    id: 'vector',
    label: 'Seed: vector clocks',
    stateKey: 'document',
    strategy: 'vector',
    crdt: 'auto',
    drafts: SEED_VECTOR_DRAFTS,
  },
  {
    id: 'counter',
    label: 'Seed: counter (42 + 45)',
    stateKey: 'task_count',
    strategy: 'crdt',
    crdt: 'counter',
    drafts: [draft('agent-1', '42', '1', '2025-01-01T12:00:00Z'), draft('agent-2', '45', '2', '2025-01-01T12:00:01Z')],
  },
  {
    id: 'set',
    label: 'Seed: set union',
    stateKey: 'tags',
    strategy: 'crdt',
    crdt: 'set',
    drafts: [
      draft('agent-1', '["tag1", "tag2"]', '1', '2025-01-01T12:00:00Z'),
      draft('agent-2', '["tag2", "tag3"]', '2', '2025-01-01T12:00:00Z'),
    ],
  },
  {
    id: 'map',
    label: 'Seed: config map',
    stateKey: 'config',
    strategy: 'crdt',
    crdt: 'map',
    drafts: [
      draft('agent-1', '{"key1": "v1", "key2": "v2"}', '1', '2025-01-01T00:00:00Z'),
      draft('agent-2', '{"key2": "v3", "key3": "v4"}', '2', '2025-01-02T00:00:00Z'),
    ],
  },
];
