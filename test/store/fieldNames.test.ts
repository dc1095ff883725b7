/**
 * Words, not paths: every field the validator can name is shown as the control a person
 * edits (“Topology → neighbours per agent (k)”), and paths inside messages are replaced too.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine/scenario';
import { fieldWords, identifierWords, issueWords, withFieldWords } from '../../src/store/fieldNames';
import { issueFor } from '../../src/views/common/issues';
import { DEFAULT_NETWORK, RUN_PRESETS } from '../../src/worker/protocol';

/** What a path looks like: a dotted name, an index, or a camelCase identifier. */
const PATHLIKE = /[A-Za-z_]\.[A-Za-z_]|\[\d+\]|\b[a-z]+[A-Z][A-Za-z]*\b/;

const base = {
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 1,
  topology: { agentCount: 4, builder: { kind: 'mesh' } },
  network: { ...DEFAULT_NETWORK, faults: [] },
  run: { kind: 'flood' },
};

/** Broken scenarios touching every part of the file: each of their issues must read in words. */
function brokenScenarios(): unknown[] {
  const out: unknown[] = [
    { ...base, seed: -3, name: 7 },
    { ...base, topology: { agentCount: 0, builder: { kind: 'small-world', k: 3, beta: 2 } } },
    { ...base, topology: { agentCount: 5, builder: { kind: 'partial-mesh', k: 0 } } },
    { ...base, topology: { agentCount: 5, builder: { kind: 'random', p: 7 } } },
    {
      ...base,
      topology: {
        agents: [
          { id: 'a', weight: -1, policy: { kind: 'probability', pFor: 3 } },
          { id: 'b', behaviour: 'sneaky', capabilities: [7] },
        ],
        builder: { kind: 'custom' },
        links: [['a', 'zz'], ['a']],
      },
    },
    {
      ...base,
      network: {
        latencyMsMin: 50,
        latencyMsMax: 10,
        lossProbability: 2,
        duplicationProbability: -1,
        reorderProbability: 'x',
        faults: [
          { kind: 'partition', atMs: -1, groups: [['agent-1', 'nobody']] },
          { kind: 'crash', atMs: 5, agent: 'ghost' },
          { kind: 'one-way', atMs: 1, from: ['x'], to: [] },
        ],
      },
    },
  ];
  // Every run kind's every parameter, given a value no rule accepts, plus a field no kind knows.
  for (const preset of RUN_PRESETS)
    for (const key of Object.keys(preset.run).filter((k) => k !== 'kind'))
      out.push({ ...base, run: { ...preset.run, [key]: -7.5, unknownKnob: 1 } });
  return out;
}

describe('field names in words', () => {
  it('name the controls', () => {
    expect(fieldWords('topology.builder.k')).toBe('Topology → neighbours per agent (k)');
    expect(fieldWords('topology.agentCount')).toBe('Swarm → Agents');
    expect(fieldWords('seed')).toBe('Swarm → Seed');
    expect(fieldWords('topology.agents[3].weight')).toBe('Swarm → agent 4 → Weight');
    expect(fieldWords('topology.agents[3].weight', { agentIds: ['a', 'b', 'c', 'expert-1'] })).toBe(
      'Swarm → expert-1 → Weight',
    );
    expect(fieldWords('topology.agents[0].policy.pFor')).toBe('Swarm → agent 1 → Policy → Chance of voting for');
    expect(fieldWords('network.lossProbability')).toBe('Network → Loss');
    expect(fieldWords('network.faults[1].atMs')).toBe('Network → fault 2 → time (ms)');
    expect(fieldWords('network.faults[0].groups[1][2]')).toBe('Network → fault 1 → group 2 → agent id 3');
    expect(fieldWords('run.m')).toBe('Run → Relay rounds m');
    expect(fieldWords('run.agentWeights["agent-1"]')).toBe('Run → agent weights → agent-1');
    expect(fieldWords('run.taskCostMs[1]')).toBe('Run → task cost (ms) → item 2');
    expect(fieldWords('versions[2].clock')).toBe('Version 3 → Vector clock');
    expect(fieldWords('(file)')).toBe('The file');
    expect(fieldWords('parser')).toBe('Parser');
  });

  it('turn a field no table knows into words, milliseconds last', () => {
    expect(identifierWords('electionTimeoutMsMax')).toBe('election timeout max (ms)');
    expect(fieldWords('run.maxEntriesPerAppend')).toBe('Run → max entries per append');
    expect(fieldWords('run.teaching.skipUpToDateCheck')).toBe('Run → teaching switches → skip up to date check');
  });

  it('every issue the validator reports on broken scenarios reads without a path', () => {
    const fields = new Set<string>();
    for (const input of brokenScenarios()) {
      const outcome = validateScenario(input);
      expect(outcome.ok, JSON.stringify(input)).toBe(false);
      if (!outcome.ok) for (const e of outcome.errors) fields.add(e.field);
    }
    // The broken files reach every section of the scenario.
    for (const section of ['seed', 'topology.builder', 'topology.agents[', 'network.', 'network.faults[', 'run.'])
      expect(
        [...fields].some((f) => f.startsWith(section)),
        section,
      ).toBe(true);
    for (const field of fields) expect(fieldWords(field), field).not.toMatch(PATHLIKE);
  });

  it('paths inside a message become words; sentences stay as they are', () => {
    expect(withFieldWords('run.keys (1,000,000) × agents (100) × 6 events')).toBe(
      'Run → Keys (1,000,000) × agents (100) × 6 events',
    );
    expect(withFieldWords('must be ≥ network.latencyMsMin (10)')).toBe('must be ≥ Network → Latency min (ms) (10)');
    const plain = 'The run stopped: the network is split. Run it again.';
    expect(withFieldWords(plain)).toBe(plain);
  });

  it('issueFor shows the field in words, then its rule', () => {
    const issues = [{ field: 'topology.builder.k', rule: 'must be an even integer', message: '' }];
    expect(issueFor(issues, 'topology.builder')).toBe('Topology → neighbours per agent (k): must be an even integer');
    expect(issueFor(issues, 'run')).toBeUndefined();
    expect(issueWords({ field: '', rule: 'the link is cut short' })).toBe('the link is cut short');
  });
});

describe('keys from a file that name Object.prototype members', () => {
  it('are words of their own, never a prototype function', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const words = [fieldWords(`topology.agents[0].${key}`), fieldWords(`run.${key}`), fieldWords(key)];
      for (const w of words) expect(w).not.toMatch(/native code|function|\[object/);
    }
    expect(fieldWords('topology.agents[0].constructor')).toBe('Swarm → agent 1 → constructor');
  });
});
