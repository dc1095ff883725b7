import { describe, expect, it } from 'vitest';
import { ValidationErrors } from '../../../src/engine/core/errors';
import { parseScenario, ScenarioLimitError, validateScenario } from '../../../src/engine/scenario';
import { fullDoc, minimalDoc } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: tests mutate documents freely, into wrong types too.
type Doc = Record<string, any>;
/** name, input (a mutated full document, or raw text), the field path expected, and a pattern its rule must match. */
type Case = [string, () => unknown, string, RegExp];

const full = (edit: (d: Doc) => void) => () => {
  const d = fullDoc();
  edit(d);
  return d;
};
const text = (edit: (s: string) => string) => () => edit(JSON.stringify(fullDoc()));

const CASES: Case[] = [
  // Whole file
  ['truncated JSON', text((s) => s.slice(0, 120)), '(file)', /^not valid JSON at position 120 \(line 1, column 121\)/],
  ['trailing comma', () => '{"format": "swarm-playground/scenario",}', '(file)', /position 39 .*property name/],
  ['not JSON at all', () => 'hello', '(file)', /^not valid JSON at position 0/],
  ['empty file', () => '', '(file)', /^not valid JSON at position 0.*end of input/],
  ['top level is an array', () => '[1, 2]', '(file)', /must be a JSON object/],
  ['top level is null', () => null, '(file)', /must be a JSON object/],
  ['deep nesting', () => `{"a":${'['.repeat(100)}${']'.repeat(100)}}`, '(file)', /deeper than 32 levels/],
  [
    'too many bytes',
    () => `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`,
    '(file)',
    /^is at least 5,242,\d{3} bytes long; at most 5,242,880 allowed$/,
  ],
  ['wrong format', full((d) => (d.format = 'excalidraw')), 'format', /is wrong/],
  ['missing format', full((d) => delete d.format), 'format', /is required/],
  ['missing version', full((d) => delete d.version), 'version', /is required/],
  ['version as a string', full((d) => (d.version = '1')), 'version', /whole number/],
  ['version from the future', full((d) => (d.version = 2)), 'version', /is 2, newer than this app understands/],
  ['unknown top-level field', full((d) => (d.extra = true)), 'extra', /^is not a known field$/],
  ['missing seed', full((d) => delete d.seed), 'seed', /^is required$/],
  ['negative seed', full((d) => (d.seed = -1)), 'seed', /integer from 0 to 4,294,967,295/],
  ['fractional seed', full((d) => (d.seed = 1.5)), 'seed', /integer/],
  ['seed beyond 2^32', full((d) => (d.seed = 2 ** 32)), 'seed', /integer from 0/],
  ['huge number (1e999)', text((s) => s.replace('"seed":7', '"seed":1e999')), 'seed', /integer/],
  ['name too long', full((d) => (d.name = 'n'.repeat(201))), 'name', /0 to 200 characters/],
  ['name with a newline', full((d) => (d.name = 'a\nb')), 'name', /one line/],
  ['description with NUL', full((d) => (d.description = 'a\u0000b')), 'description', /no control characters/],
  // Topology
  ['missing topology', full((d) => delete d.topology), 'topology', /^is required$/],
  ['topology is a string', full((d) => (d.topology = 'mesh')), 'topology', /must be an object/],
  ['topology is an array', full((d) => (d.topology = [])), 'topology', /^must be an object$/],
  ['topology is an array with items', full((d) => (d.topology = [1, 2])), 'topology', /^must be an object$/],
  ['builder is an array', full((d) => (d.topology.builder = [])), 'topology.builder', /^must be an object$/],
  ['network is an array', full((d) => (d.network = [])), 'network', /^must be an object$/],
  ['run is an array', full((d) => (d.run = [])), 'run', /^must be an object$/],
  ['an agent is an array', full((d) => (d.topology.agents[1] = [])), 'topology.agents[1]', /^must be an object$/],
  [
    'agentCount of ten million',
    full((d) => (d.topology.agentCount = 10_000_000)),
    'topology.agentCount',
    /^asks for 10,000,000 agents; at most 100,000 allowed$/,
  ],
  [
    'agentCount zero',
    () => ({ ...minimalDoc(), topology: { agentCount: 0, builder: { kind: 'ring' } } }),
    'topology.agentCount',
    /integer from 1/,
  ],
  [
    'agentCount ≠ agents',
    full((d) => (d.topology.agentCount = 5)),
    'topology.agentCount',
    /must equal the length of the agent list \(4 agents\)/,
  ],
  [
    'neither agentCount nor agents',
    full((d) => {
      delete d.topology.agentCount;
      delete d.topology.agents;
    }),
    'topology.agentCount',
    /is required when topology.agents/,
  ],
  [
    'negative weight',
    full((d) => (d.topology.agents[3].weight = -1)),
    'topology.agents[3].weight',
    /^must be a number ≥ 0/,
  ],
  [
    'weight as a string',
    full((d) => (d.topology.agents[1].weight = '2')),
    'topology.agents[1].weight',
    /must be a number/,
  ],
  ['missing agent id', full((d) => delete d.topology.agents[2].id), 'topology.agents[2].id', /^is required$/],
  ['id with a space', full((d) => (d.topology.agents[0].id = 'agent 1')), 'topology.agents[0].id', /must be an id/],
  [
    'duplicate agent ids',
    full((d) => (d.topology.agents[2].id = 'agent-1')),
    'topology.agents[2].id',
    /duplicates topology.agents\[0\].id/,
  ],
  [
    'bad behaviour',
    full((d) => (d.topology.agents[0].behaviour = 'evil')),
    'topology.agents[0].behaviour',
    /one of "honest", "equivocate"/,
  ],
  [
    'unknown agent field',
    full((d) => (d.topology.agents[1].colour = 'red')),
    'topology.agents[1].colour',
    /not a known field/,
  ],
  [
    'label too long',
    full((d) => (d.topology.agents[0].label = 'x'.repeat(201))),
    'topology.agents[0].label',
    /1 to 200 characters/,
  ],
  [
    'label with bidi override',
    full((d) => (d.topology.agents[0].label = 'abc\u202Egpj.exe')),
    'topology.agents[0].label',
    /plain text/,
  ],
  [
    'label with a lone surrogate',
    full((d) => (d.topology.agents[0].label = 'a\uD800b')),
    'topology.agents[0].label',
    /plain text/,
  ],
  [
    'capabilities not an array',
    full((d) => (d.topology.agents[0].capabilities = 'gpu')),
    'topology.agents[0].capabilities',
    /must be an array/,
  ],
  [
    'duplicate capability',
    full((d) => (d.topology.agents[0].capabilities = ['gpu', 'gpu'])),
    'topology.agents[0].capabilities[1]',
    /repeats/,
  ],
  [
    'policy of unknown kind',
    full((d) => (d.topology.agents[1].policy.kind = 'coin')),
    'topology.agents[1].policy.kind',
    /one of "fixed", "probability", "rule"/,
  ],
  [
    'probabilities over 1',
    full((d) => (d.topology.agents[1].policy.pAbstain = 0.5)),
    'topology.agents[1].policy.pAbstain',
    /≤ 1 − pFor/,
  ],
  ['rule op unknown', full((d) => (d.topology.agents[2].policy.op = '=~')), 'topology.agents[2].policy.op', /one of/],
  [
    'rule value an object',
    full((d) => (d.topology.agents[2].policy.value = {})),
    'topology.agents[2].policy.value',
    /finite number, a string/,
  ],
  [
    'position x infinite',
    text((s) => s.replace('"x":1', '"x":-1e999')),
    'topology.agents[0].position.x',
    /must be a number/,
  ],
  ['missing builder', full((d) => delete d.topology.builder), 'topology.builder', /^is required/],
  [
    'builder of unknown kind',
    full((d) => (d.topology.builder = { kind: 'torus' })),
    'topology.builder.kind',
    /one of "mesh", "partial-mesh"/,
  ],
  [
    'star hub unknown',
    full((d) => (d.topology.builder.hub = 'agent-9')),
    'topology.builder.hub',
    /not the id of any agent \("agent-9"\)/,
  ],
  [
    'partial mesh k ≥ n',
    full((d) => (d.topology.builder = { kind: 'partial-mesh', k: 4 })),
    'topology.builder.k',
    /less than the number of agents \(4\)/,
  ],
  [
    'partial mesh without k',
    full((d) => (d.topology.builder = { kind: 'partial-mesh' })),
    'topology.builder.k',
    /^is required$/,
  ],
  [
    'small world with odd k',
    full((d) => (d.topology.builder = { kind: 'small-world', k: 3, beta: 0.1 })),
    'topology.builder.k',
    /even/,
  ],
  ['random p above 1', full((d) => (d.topology.builder = { kind: 'random', p: 1.5 })), 'topology.builder.p', /≤ 1/],
  [
    'mesh of 100,000 agents',
    () => ({ ...minimalDoc(), topology: { agentCount: 100_000, builder: { kind: 'mesh' } } }),
    'topology.builder',
    /^would build 4,999,950,000 links; at most 2,000,000 allowed$/,
  ],
  [
    'link to an unknown id',
    full((d) => d.topology.links.push(['agent-1', 'ghost'])),
    'topology.links[2][1]',
    /not the id of any agent/,
  ],
  [
    'self link',
    full((d) => d.topology.links.push(['agent-2', 'agent-2'])),
    'topology.links[2]',
    /two different agents/,
  ],
  [
    'duplicate link (reversed)',
    full((d) => d.topology.links.push(['agent-3', 'agent-1'])),
    'topology.links[2]',
    /duplicates topology.links\[0\]/,
  ],
  [
    'link of three ids',
    full((d) => d.topology.links.push(['agent-1', 'agent-2', 'agent-3'])),
    'topology.links[2][2]',
    /pair of agent ids/,
  ],
  // Network
  [
    'latency max below min',
    full((d) => (d.network.latencyMsMax = 1)),
    'network.latencyMsMax',
    /≥ network.latencyMsMin \(5\)/,
  ],
  ['fractional latency', full((d) => (d.network.latencyMsMin = 2.5)), 'network.latencyMsMin', /integer/],
  ['loss probability 2', full((d) => (d.network.lossProbability = 2)), 'network.lossProbability', /≤ 1/],
  [
    'fault of unknown kind',
    full((d) => (d.network.faults[2].kind = 'storm')),
    'network.faults[2].kind',
    /one of "partition"/,
  ],
  ['fault time negative', full((d) => (d.network.faults[0].atMs = -5)), 'network.faults[0].atMs', /integer from 0/],
  [
    'crash of an unknown agent',
    full((d) => (d.network.faults[3].agent = 'agent-77')),
    'network.faults[3].agent',
    /not the id of any agent/,
  ],
  [
    'agent in two partition groups',
    full((d) => d.network.faults[0].groups[1].push('agent-1')),
    'network.faults[0].groups[1][1]',
    /more than once/,
  ],
  ['one-way with empty to', full((d) => (d.network.faults[1].to = [])), 'network.faults[1].to', /array of 1 to/],
  ['faults not an array', full((d) => (d.network.faults = {})), 'network.faults', /must be an array/],
  // Run
  ['missing run', full((d) => delete d.run), 'run', /^is required/],
  ['run of unknown kind', full((d) => (d.run = { kind: 'paxos' })), 'run.kind', /one of "flood", "consensus"/],
  ['consensus without algorithm', full((d) => delete d.run.algorithm), 'run.algorithm', /^is required$/],
  ['threshold 0', full((d) => (d.run.threshold = 0)), 'run.threshold', /> 0 and ≤ 1/],
  [
    'weight of unknown agent',
    full((d) => (d.run.agentWeights.ghost = 1)),
    'run.agentWeights.ghost',
    /not the id of any agent/,
  ],
  ['zero agent weight', full((d) => (d.run.agentWeights['agent-1'] = 0)), 'run.agentWeights["agent-1"]', /> 0/],
  ['agentWeights an array', full((d) => (d.run.agentWeights = [1, 2])), 'run.agentWeights', /must be an object/],
  ['duplicate participant', full((d) => d.run.participants.push('agent-1')), 'run.participants[3]', /more than once/],
  ['proposal with Infinity', text((s) => s.replace('"risk":2', '"risk":1e999')), 'run.proposal', /JSON data/],
  ['unknown run field', full((d) => (d.run.retries = 3)), 'run.retries', /not a known field/],
  ['rumor fanout 0', full((d) => (d.run = { kind: 'rumor', mode: 'push', fanout: 0 })), 'run.fanout', /integer from 1/],
  [
    'rumor of 3 million',
    full((d) => (d.run = { kind: 'rumor', mode: 'push', agentCount: 3e6 })),
    'run.agentCount',
    /^asks for 3,000,000 agents; at most 2,000,000 allowed$/,
  ],
  [
    'rumor origin in aggregate mode',
    full((d) => (d.run = { kind: 'rumor', mode: 'push', agentCount: 10, origin: 'agent-1' })),
    'run.origin',
    /left out/,
  ],
  [
    'crdt of unknown type',
    full((d) => (d.run = { kind: 'replicated-state', crdtType: 'list', operations: 1 })),
    'run.crdtType',
    /one of "counter"/,
  ],
  [
    'sync changedKeys > keys',
    full((d) => (d.run = { kind: 'sync', mode: 'full', keys: 5, changedKeys: 6 })),
    'run.changedKeys',
    /≤ run.keys \(5\)/,
  ],
  [
    'task cost max < min',
    full((d) => (d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, taskCostMs: [9, 1] })),
    'run.taskCostMs[1]',
    /≥ run.taskCostMs\[0\]/,
  ],
  [
    'delegation crash of a ghost',
    full((d) => (d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, crash: { agent: 'x', atMs: 1 } })),
    'run.crash.agent',
    /not the id/,
  ],
  [
    'delegator unknown',
    full((d) => (d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, delegator: 'agent-9' })),
    'run.delegator',
    /not the id of any agent/,
  ],
  [
    'delegation crashes the default delegator',
    full((d) => (d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, crash: { agent: 'agent-1', atMs: 1 } })),
    'run.crash.agent',
    /must not be the delegator \("agent-1"/,
  ],
  [
    'delegation crashes the named delegator',
    full((d) => {
      d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, delegator: 'agent-2' };
      d.run.crash = { agent: 'agent-2', atMs: 1 };
    }),
    'run.crash.agent',
    /must not be the delegator \("agent-2"/,
  ],
  [
    'detection timeout not above the heartbeat',
    full(
      (d) =>
        (d.run = {
          kind: 'delegation',
          strategy: 'weighted',
          tasks: 3,
          heartbeatIntervalMs: 50,
          detectionTimeoutMs: 50,
        }),
    ),
    'run.detectionTimeoutMs',
    /longer than run.heartbeatIntervalMs \(50 ms\)/,
  ],
  [
    'detection timeout not above the default heartbeat',
    full((d) => (d.run = { kind: 'delegation', strategy: 'weighted', tasks: 3, detectionTimeoutMs: 100 })),
    'run.detectionTimeoutMs',
    /longer than the default heartbeat interval \(100 ms\)/,
  ],
  [
    'replicated-state sync mode unknown',
    full((d) => (d.run = { kind: 'replicated-state', crdtType: 'map', operations: 1, sync: 'gossip' })),
    'run.sync',
    /one of "state", "delta"/,
  ],
  [
    'flood origin unknown',
    full((d) => (d.run = { kind: 'flood', origin: 'agent-0' })),
    'run.origin',
    /not the id of any agent/,
  ],
  // Hostile keys
  [
    '__proto__ key at the top',
    () => `{"__proto__": {"polluted": 1}, ${JSON.stringify(fullDoc()).slice(1)}`,
    '__proto__',
    /reserved name/,
  ],
  [
    'constructor key in a proposal',
    full((d) => (d.run.proposal.constructor = 1)),
    'run.proposal.constructor',
    /reserved name/,
  ],
  [
    'prototype as an agent id',
    full((d) => (d.topology.agents[0].id = 'prototype')),
    'topology.agents[0].id',
    /must be an id/,
  ],
];

describe('malformed scenario files', () => {
  it('has at least 30 distinct kinds', () => {
    expect(new Set(CASES.map(([name]) => name)).size).toBeGreaterThanOrEqual(30);
  });

  it('the unmutated fixtures are valid', () => {
    expect(validateScenario(fullDoc())).toMatchObject({ ok: true });
    expect(validateScenario(JSON.stringify(fullDoc()))).toMatchObject({ ok: true });
  });

  for (const [name, make, field, rule] of CASES) {
    it(`${name} ⇒ ${field}`, () => {
      const result = validateScenario(make());
      expect(result.ok).toBe(false);
      if (result.ok) return;
      // A refusal names a field path and a rule in words, never a constant of the code.
      for (const e of result.errors) expect(`${e.field}: ${e.rule}`).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/);
      const match = result.errors.find((e) => e.field === field);
      expect(match, result.errors.map((e) => e.message).join('\n')).toBeDefined();
      expect(match!.rule).toMatch(rule);
      expect(() => parseScenario(make())).toThrow(ValidationErrors);
    });
  }
});

describe('limits', () => {
  it('refuses ten million agents at once, naming the limit', () => {
    const doc = { ...minimalDoc(), topology: { agentCount: 10_000_000, builder: { kind: 'mesh' } } };
    const started = process.hrtime.bigint();
    const result = validateScenario(JSON.stringify(doc));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(100);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error).toBeInstanceOf(ScenarioLimitError);
    expect(error).toMatchObject({
      field: 'topology.agentCount',
      limit: 'MAX_AGENTS',
      max: 100_000,
      actual: 10_000_000,
    });
  });

  it('refuses an agents array longer than MAX_AGENTS before validating any agent', () => {
    const agents = Array.from({ length: 100_001 }, () => 0);
    const result = validateScenario({ ...minimalDoc(), topology: { agents, builder: { kind: 'ring' } } });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'topology.agents', limit: 'MAX_AGENTS' }] });
  });

  it('lists at most MAX_VALIDATION_ERRORS problems and counts the rest', () => {
    const agents = Array.from({ length: 500 }, (_, i) => ({ id: `a${i}`, weight: -1 }));
    const result = validateScenario({ ...minimalDoc(), topology: { agents, builder: { kind: 'ring' } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99]).toMatchObject({ field: '(file)', rule: 'has 401 more problems not listed here' });
  });

  it('accepts exactly MAX_AGENTS agents as a count', () => {
    const result = validateScenario({ ...minimalDoc(), topology: { agentCount: 100_000, builder: { kind: 'ring' } } });
    expect(result.ok && result.scenario.topology.agents.length).toBe(100_000);
  });
});
