/** Cases about values: numbers that are not numbers, wrong types, hostile text, ids that name nobody. */
import { base, type HostileCase, withNetwork, withRun, withTopology } from '../corpus';

const num = (name: string, probes: string, content: string | object, field: string): HostileCase => ({
  name: `numbers-${name}`,
  category: 'numbers',
  probes,
  expect: 'refused',
  field,
  content,
});

const text = JSON.stringify(base());
/** The base text with `"seed":7` replaced by `"seed":<raw>`. */
const seedAs = (raw: string) => text.replace('"seed":7', `"seed":${raw}`);
const latencyAs = (raw: string) =>
  JSON.stringify(withNetwork({ latencyMsMax: 50 })).replace('"latencyMsMax":50', `"latencyMsMax":${raw}`);

export const numberCases: HostileCase[] = [
  num('seed-nan-string', 'seed "NaN"', seedAs('"NaN"'), 'seed'),
  num('seed-infinity-string', 'seed "Infinity"', seedAs('"Infinity"'), 'seed'),
  num('seed-1e999', 'seed 1e999 (JSON.parse gives Infinity)', seedAs('1e999'), 'seed'),
  num('seed-negative-1e999', 'seed -1e999 (−Infinity)', seedAs('-1e999'), 'seed'),
  num('seed-2-pow-32', 'seed 2^32, one past the largest', seedAs('4294967296'), 'seed'),
  num('seed-hex', 'seed 0x10 (not JSON)', seedAs('0x10'), '(file)'),
  num('seed-nan-literal', 'seed NaN as a bare word (not JSON)', seedAs('NaN'), '(file)'),
  num('latency-infinity', 'network.latencyMsMax 1e999', latencyAs('1e999'), 'network.latencyMsMax'),
  num('latency-string', 'network.latencyMsMax "50"', latencyAs('"50"'), 'network.latencyMsMax'),
  num(
    'loss-above-one',
    'network.lossProbability 1.0000001',
    withNetwork({ lossProbability: 1.0000001 }),
    'network.lossProbability',
  ),
  num(
    'loss-negative-zero-point',
    'network.lossProbability −1e-300',
    withNetwork({ lossProbability: -1e-300 }),
    'network.lossProbability',
  ),
  num(
    'weight-infinity-string',
    'an agent weight "Infinity"',
    withTopology({ agents: [{ id: 'a', weight: 'Infinity' }, { id: 'b' }], builder: { kind: 'ring' } }),
    'topology.agents[0].weight',
  ),
  num(
    'weight-negative',
    'an agent weight −1',
    withTopology({ agents: [{ id: 'a', weight: -1 }, { id: 'b' }], builder: { kind: 'ring' } }),
    'topology.agents[0].weight',
  ),
  num(
    'agentcount-fraction',
    'topology.agentCount 2.5',
    withTopology({ agentCount: 2.5, builder: { kind: 'ring' } }),
    'topology.agentCount',
  ),
  num(
    'agentcount-zero',
    'topology.agentCount 0',
    withTopology({ agentCount: 0, builder: { kind: 'ring' } }),
    'topology.agentCount',
  ),
  num(
    'threshold-nan-string',
    'run.threshold "NaN"',
    withRun({ kind: 'consensus', algorithm: 'quorum', threshold: 'NaN' }),
    'run.threshold',
  ),
  num(
    'position-1e999',
    'an agent position x of 1e999',
    JSON.stringify(
      withTopology({ agents: [{ id: 'a', position: { x: 1, y: 2 } }, { id: 'b' }], builder: { kind: 'ring' } }),
    ).replace('"x":1', '"x":1e999'),
    'topology.agents[0].position.x',
  ),
  {
    name: 'numbers-seed-negative-zero',
    category: 'numbers',
    probes: 'seed −0 (is a valid 0)',
    expect: 'runs',
    content: seedAs('-0'),
  },
  {
    name: 'numbers-seed-exponent',
    category: 'numbers',
    probes: 'seed written 7e0 (is 7)',
    expect: 'runs',
    content: seedAs('7e0'),
  },
  {
    name: 'numbers-loss-tiny',
    category: 'numbers',
    probes: 'lossProbability 1e-400 (underflows to 0)',
    expect: 'runs',
    content: JSON.stringify(withNetwork({ lossProbability: 0.5 })).replace('0.5', '1e-400'),
  },
];

const typ = (
  name: string,
  probes: string,
  content: string | object,
  field: string,
  expect: HostileCase['expect'] = 'refused',
): HostileCase => ({
  name: `types-${name}`,
  category: 'types-and-text',
  probes,
  expect,
  field: expect === 'refused' ? field : undefined,
  content,
});

export const typeCases: HostileCase[] = [
  typ('top-array', 'the file is a JSON array', '[]', '(file)'),
  typ('top-null', 'the file is null', 'null', '(file)'),
  typ('top-string', 'the file is a JSON string', '"swarm"', '(file)'),
  typ('whitespace', 'only whitespace', ' \n\t\r\n ', '(file)'),
  typ('trailing-garbage', 'a valid scenario followed by garbage', `${JSON.stringify(base())} xyz`, '(file)'),
  typ(
    'comments',
    'JSON with // comments (JSON5)',
    JSON.stringify(base(), null, 2).replace('{', '{ // a comment'),
    '(file)',
  ),
  typ('topology-array', 'topology: [] (an array where an object belongs)', base({ topology: [] }), 'topology'),
  typ('run-string', 'run: "flood"', base({ run: 'flood' }), 'run'),
  typ('network-array', 'network: []', base({ network: [] }), 'network'),
  typ('builder-null', 'topology.builder null', withTopology({ agentCount: 3, builder: null }), 'topology.builder'),
  typ('run-kind-unknown', 'run.kind "mine-bitcoin"', withRun({ kind: 'mine-bitcoin' }), 'run.kind'),
  typ('extra-field', 'an unknown top-level field', base({ extra: 1 }), 'extra'),
  typ(
    'duplicate-keys',
    'the seed twice (JSON keeps the last one)',
    text.replace('"seed":7', '"seed":7,"seed":8'),
    '',
    'runs',
  ),
  typ(
    'label-control-char',
    'a label with an escape character (U+001B)',
    withTopology({ agents: [{ id: 'a', label: 'red\u001b[31m' }, { id: 'b' }], builder: { kind: 'ring' } }),
    'topology.agents[0].label',
  ),
  typ(
    'label-bidi-override',
    'a label with a right-to-left override',
    withTopology({ agents: [{ id: 'a', label: 'abc\u202Etxt.exe' }, { id: 'b' }], builder: { kind: 'ring' } }),
    'topology.agents[0].label',
  ),
  typ(
    'label-lone-surrogate',
    'a label with a lone surrogate (\\ud800)',
    JSON.stringify(
      withTopology({ agents: [{ id: 'a', label: 'LONE' }, { id: 'b' }], builder: { kind: 'ring' } }),
    ).replace('LONE', '\\ud800'),
    'topology.agents[0].label',
  ),
  typ(
    'label-fffe',
    'a label with U+FFFE and U+FFFF (not XML characters)',
    withTopology({ agents: [{ id: 'a', label: 'x\uFFFEy\uFFFF' }, { id: 'b' }], builder: { kind: 'ring' } }),
    '',
    'either',
  ),
  typ(
    'label-xss',
    'a label holding HTML and script',
    withTopology({
      agents: [{ id: 'a', label: '<img src=x onerror=alert(1)><script>alert(2)</script>' }, { id: 'b' }],
      builder: { kind: 'ring' },
    }),
    '',
    'runs',
  ),
  typ(
    'label-emoji',
    'labels of emoji and combining marks',
    withTopology({
      agents: [
        { id: 'a', label: '🐝🐝‍🐝 Z̸̧̛a̷l̵g̶o' },
        { id: 'b', label: '蜂群' },
      ],
      builder: { kind: 'ring' },
    }),
    '',
    'runs',
  ),
  typ(
    'id-with-space',
    'an agent id with a space',
    withTopology({ agents: [{ id: 'a b' }, { id: 'c' }], builder: { kind: 'ring' } }),
    'topology.agents[0].id',
  ),
  typ(
    'id-too-long',
    'an agent id of 65 characters',
    withTopology({ agents: [{ id: 'a'.repeat(65) }, { id: 'c' }], builder: { kind: 'ring' } }),
    'topology.agents[0].id',
  ),
  typ(
    'id-duplicate',
    'two agents with the same id',
    withTopology({ agents: [{ id: 'a' }, { id: 'a' }], builder: { kind: 'ring' } }),
    'topology.agents[1].id',
  ),
  typ('name-too-long', 'a name of 201 characters', base({ name: 'n'.repeat(201) }), 'name'),
  typ(
    'description-10001',
    'a description of 10,001 characters',
    base({ description: 'd'.repeat(10_001) }),
    'description',
  ),
  typ(
    'behaviour-unknown',
    'an agent behaviour "evil"',
    withTopology({ agents: [{ id: 'a', behaviour: 'evil' }, { id: 'b' }], builder: { kind: 'ring' } }),
    'topology.agents[0].behaviour',
  ),
  typ(
    'policy-probabilities',
    'a policy whose pFor + pAbstain exceeds 1',
    withTopology({
      agents: [{ id: 'a', policy: { kind: 'probability', pFor: 0.8, pAbstain: 0.5 } }, { id: 'b' }],
      builder: { kind: 'ring' },
    }),
    'topology.agents[0].policy.pAbstain',
  ),
  typ(
    'proposal-function-text',
    'a proposal holding code as text',
    withRun({
      kind: 'consensus',
      algorithm: 'quorum',
      proposal: { proposalId: 'p', run: 'process.exit(1)', html: '<script>alert(1)</script>' },
    }),
    '',
    'runs',
  ),
];

const unknown = (
  name: string,
  probes: string,
  content: object | string,
  field: string,
  heavy = false,
): HostileCase => ({
  name: `unknown-${name}`,
  category: 'unknown-agents',
  probes,
  expect: 'refused',
  field,
  heavy,
  content,
});

/** A scenario with `n` links between agents that do not exist, built as text. */
function unknownLinks(n: number): string {
  const links = Array.from({ length: n }, (_, i) => `["x${i}","y${i}"]`).join(',');
  return `{"format":"swarm-playground/scenario","version":1,"seed":1,"topology":{"agentCount":3,"builder":{"kind":"ring"},"links":[${links}]},"run":{"kind":"flood"}}`;
}

export const unknownAgentCases: HostileCase[] = [
  unknown(
    'link-one',
    'one link to an agent that does not exist',
    withTopology({ agentCount: 3, builder: { kind: 'ring' }, links: [['agent-1', 'ghost']] }),
    'topology.links[0][1]',
  ),
  unknown(
    'links-100000',
    '100,000 links to unknown agents (200,000 problems, 100 listed)',
    unknownLinks(100_000),
    'topology.links[0][0]',
  ),
  unknown(
    'link-self',
    'a link from an agent to itself',
    withTopology({ agentCount: 3, builder: { kind: 'custom' }, links: [['agent-1', 'agent-1']] }),
    'topology.links[0]',
  ),
  unknown(
    'link-duplicate',
    'the same link twice, reversed',
    withTopology({
      agentCount: 3,
      builder: { kind: 'custom' },
      links: [
        ['agent-1', 'agent-2'],
        ['agent-2', 'agent-1'],
      ],
    }),
    'topology.links[1]',
  ),
  unknown(
    'star-hub',
    'a star whose hub does not exist',
    withTopology({ agentCount: 3, builder: { kind: 'star', hub: 'ghost' } }),
    'topology.builder.hub',
  ),
  unknown('flood-origin', 'a flood from an unknown agent', withRun({ kind: 'flood', origin: 'ghost' }), 'run.origin'),
  unknown(
    'participants',
    'consensus participants that do not exist',
    withRun({ kind: 'consensus', algorithm: 'quorum', participants: ['ghost-1', 'ghost-2'] }),
    'run.participants[0]',
  ),
  unknown(
    'crash-agent',
    'a crash fault of an unknown agent',
    withNetwork({ faults: [{ kind: 'crash', atMs: 10, agent: 'ghost' }] }),
    'network.faults[0].agent',
  ),
  unknown(
    'partition-member',
    'a partition naming an unknown agent',
    withNetwork({ faults: [{ kind: 'partition', atMs: 10, groups: [['agent-1', 'ghost']] }] }),
    'network.faults[0].groups[0][1]',
  ),
  unknown(
    'one-way-to',
    'a one-way cut towards an unknown agent',
    withNetwork({ faults: [{ kind: 'one-way', atMs: 10, from: ['agent-1'], to: ['ghost'] }] }),
    'network.faults[0].to[0]',
  ),
  unknown(
    'delegation-crash',
    'a delegation crashing an unknown agent',
    withRun({ kind: 'delegation', strategy: 'round-robin', tasks: 10, crash: { agent: 'ghost', atMs: 5 } }),
    'run.crash.agent',
  ),
  unknown(
    'rumor-origin',
    'a rumor started by an unknown agent',
    withRun({ kind: 'rumor', mode: 'push', origin: 'ghost' }),
    'run.origin',
  ),
  unknown(
    'agent-weights',
    'weights for agents that do not exist',
    withRun({ kind: 'consensus', algorithm: 'weighted', agentWeights: { ghost: 2 } }),
    'run.agentWeights.ghost',
  ),
];
