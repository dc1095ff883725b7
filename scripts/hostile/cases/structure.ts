/** Cases about the shape of the document: reserved keys, nesting, array sizes, versions, bytes. */
import {
  agents,
  base,
  bytes,
  FORMAT,
  type HostileCase,
  nested,
  utf8,
  withRawBytes,
  withRun,
  withTopology,
} from '../corpus';

const proto = (name: string, probes: string, text: string, field?: string): HostileCase => ({
  name: `proto-${name}`,
  category: 'prototype-keys',
  probes,
  expect: 'refused',
  field,
  content: text,
});

/** The base scenario as text with `"key": value` spliced in right after the opening brace of `path`'s object. */
function splice(
  at: 'top' | 'topology' | 'run' | 'network' | 'agent' | 'builder',
  key: string,
  value = '{"polluted":true}',
) {
  const doc = base({
    network: { latencyMsMin: 10 },
    topology: { agents: [{ id: 'a0' }, { id: 'a1' }], builder: { kind: 'ring' } },
  });
  const text = JSON.stringify(doc);
  const anchor = {
    top: '{',
    topology: '"topology":{',
    run: '"run":{',
    network: '"network":{',
    agent: '{"id":"a0"',
    builder: '"builder":{',
  }[at];
  const i = text.indexOf(anchor) + anchor.length;
  const sep = at === 'agent' ? ',' : '';
  const tail = at === 'agent' ? '' : ',';
  return `${text.slice(0, i)}${sep}"${key}":${value}${tail}${text.slice(i)}`;
}

export const prototypeCases: HostileCase[] = [
  proto('top', '"__proto__" as a top-level key', splice('top', '__proto__'), '__proto__'),
  proto('topology', '"__proto__" inside topology', splice('topology', '__proto__'), 'topology.__proto__'),
  proto('run', '"__proto__" inside run', splice('run', '__proto__'), 'run.__proto__'),
  proto('network', '"__proto__" inside network', splice('network', '__proto__'), 'network.__proto__'),
  proto('agent', '"__proto__" inside an agent', splice('agent', '__proto__'), 'topology.agents[0].__proto__'),
  proto('builder', '"__proto__" inside the builder', splice('builder', '__proto__'), 'topology.builder.__proto__'),
  proto(
    'constructor-top',
    '"constructor" as a top-level key',
    splice('top', 'constructor', '{"prototype":{"x":1}}'),
    'constructor',
  ),
  proto('prototype-run', '"prototype" inside run', splice('run', 'prototype', '1'), 'run.prototype'),
  proto(
    'agent-id',
    'an agent whose id is "__proto__"',
    JSON.stringify(withTopology({ agents: [{ id: '__proto__' }, { id: 'b' }], builder: { kind: 'ring' } })),
    'topology.agents[0].id',
  ),
  proto(
    'agent-weights',
    '"__proto__" as a key of run.agentWeights',
    JSON.stringify(withRun({ kind: 'consensus', algorithm: 'weighted', agentWeights: { a: 1 } })).replace(
      '{"a":1}',
      '{"__proto__":{"x":2}}',
    ),
    'run.agentWeights.__proto__',
  ),
  proto(
    'proposal',
    '"constructor" as a field of run.proposal',
    JSON.stringify(withRun({ kind: 'consensus', algorithm: 'quorum', proposal: { proposalId: 'p' } })).replace(
      '{"proposalId":"p"}',
      '{"proposalId":"p","constructor":{"prototype":{"admin":true}}}',
    ),
    'run.proposal.constructor',
  ),
  proto(
    'deep-in-proposal',
    '"__proto__" five levels down in a proposal',
    JSON.stringify(
      withRun({ kind: 'consensus', algorithm: 'quorum', proposal: { proposalId: 'p', a: { b: { c: { d: 1 } } } } }),
    ).replace('{"d":1}', '{"__proto__":{"polluted":1}}'),
  ),
  proto(
    'links-pair',
    '"__proto__" as a link endpoint',
    JSON.stringify(withTopology({ agentCount: 3, builder: { kind: 'custom' }, links: [['__proto__', 'agent-1']] })),
    'topology.links[0][0]',
  ),
  proto(
    'capability',
    '"prototype" as a capability',
    JSON.stringify(
      withTopology({ agents: [{ id: 'a', capabilities: ['prototype'] }, { id: 'b' }], builder: { kind: 'ring' } }),
    ),
    'topology.agents[0].capabilities[0]',
  ),
];

const nest = (name: string, probes: string, content: string, field = '(file)'): HostileCase => ({
  name: `nesting-${name}`,
  category: 'nesting',
  probes,
  expect: 'refused',
  field,
  content,
});

export const nestingCases: HostileCase[] = [
  nest('arrays-33', 'arrays nested 33 deep, one past MAX_NESTING_DEPTH', nested(33, '[')),
  nest('arrays-10000', 'arrays nested 10,000 deep (a recursive parser would overflow its stack)', nested(10_000, '[')),
  nest('objects-10000', 'objects nested 10,000 deep', nested(10_000, '{')),
  nest(
    'in-proposal',
    'a proposal nested 40 deep inside a valid scenario',
    JSON.stringify(withRun({ kind: 'consensus', algorithm: 'quorum', proposal: { proposalId: 'p', x: 0 } })).replace(
      '"x":0',
      `"x":${nested(40, '{')}`,
    ),
  ),
  {
    name: 'nesting-brackets-in-strings',
    category: 'nesting',
    probes: 'a description of 10,000 opening brackets (text, not nesting: the file is valid)',
    expect: 'runs',
    content: JSON.stringify(base({ description: '['.repeat(10_000) })),
  },
  {
    name: 'nesting-unclosed-100000',
    category: 'nesting',
    probes: '100,000 opening brackets and no closing one',
    expect: 'refused',
    field: '(file)',
    content: '['.repeat(100_000),
  },
];

const huge = (name: string, probes: string, content: string | object, field?: string, heavy = false): HostileCase => ({
  name: `huge-${name}`,
  category: 'huge-arrays',
  probes,
  expect: 'refused',
  field,
  heavy,
  content,
});

/** `n` copies of `item` as a JSON array, built as text (no n-element array in memory). */
const repeatArray = (item: string, n: number) => `[${`${item},`.repeat(n - 1)}${item}]`;

export const hugeArrayCases: HostileCase[] = [
  huge(
    'agents-100001',
    'topology.agents one past MAX_AGENTS (numbers, refused before any agent is validated)',
    `{"format":"${FORMAT}","version":1,"seed":1,"topology":{"agents":${repeatArray('0', 100_001)},"builder":{"kind":"ring"}},"run":{"kind":"flood"}}`,
    'topology.agents',
  ),
  huge(
    'agents-1m',
    'a 1,000,000-element agents array (2 MB)',
    `{"format":"${FORMAT}","version":1,"seed":1,"topology":{"agents":${repeatArray('0', 1_000_000)},"builder":{"kind":"ring"}},"run":{"kind":"flood"}}`,
    'topology.agents',
  ),
  huge(
    'faults-10001',
    'network.faults one past MAX_FAULTS',
    `{"format":"${FORMAT}","version":1,"seed":1,"topology":{"agentCount":3,"builder":{"kind":"ring"}},"network":{"faults":${repeatArray('{"kind":"heal","atMs":1}', 10_001)}},"run":{"kind":"flood"}}`,
    'network.faults',
  ),
  huge(
    'file-5mb',
    'a file one kilobyte over MAX_SCENARIO_BYTES (a long description)',
    JSON.stringify(base({ description: 'x'.repeat(5 * 1024 * 1024 + 1024) })),
    '(file)',
  ),
  huge(
    'capabilities-65',
    'an agent with 65 capabilities (MAX_CAPABILITIES is 64)',
    withTopology({
      agents: [{ id: 'a', capabilities: Array.from({ length: 65 }, (_, i) => `c${i}`) }, { id: 'b' }],
      builder: { kind: 'ring' },
    }),
    'topology.agents[0].capabilities',
  ),
  huge(
    'participants-100001',
    'run.participants with 100,001 ids',
    `{"format":"${FORMAT}","version":1,"seed":1,"topology":{"agentCount":3,"builder":{"kind":"ring"}},"run":{"kind":"consensus","algorithm":"quorum","participants":${repeatArray('"agent-1"', 100_001)}}}`,
    'run.participants',
  ),
  huge(
    'partition-groups',
    'a partition of 100,001 one-agent groups',
    `{"format":"${FORMAT}","version":1,"seed":1,"topology":{"agentCount":3,"builder":{"kind":"ring"}},"network":{"faults":[{"kind":"partition","atMs":5,"groups":${repeatArray('["agent-1"]', 100_001)}}]},"run":{"kind":"flood"}}`,
    'network.faults[0].groups',
  ),
  huge(
    'agents-100000-objects',
    '100,000 agent objects, each with a weight (a valid 2.6 MB file), quorum on a ring',
    withTopology(
      {
        agents: agents(100_000, (i) => ({ weight: 1 + (i % 5) })),
        builder: { kind: 'ring' },
      },
      { run: { kind: 'consensus', algorithm: 'quorum' } },
    ),
    undefined,
    true,
  ),
  huge(
    'labels-5000',
    '5,000 agents each with a 190-character label of two-byte characters',
    withTopology({ agents: agents(5_000, (i) => ({ label: `${i}`.padEnd(190, 'é') })), builder: { kind: 'ring' } }),
    undefined,
    true,
  ),
];
// The two valid ones may run or be refused by the budget; both are clean.
for (const c of hugeArrayCases)
  if (c.name === 'huge-agents-100000-objects' || c.name === 'huge-labels-5000') c.expect = 'either';

const version = (name: string, probes: string, patch: Record<string, unknown>, field: string): HostileCase => ({
  name: `version-${name}`,
  category: 'versions',
  probes,
  expect: 'refused',
  field,
  content: base(patch),
});

export const versionCases: HostileCase[] = [
  version('zero', 'version 0', { version: 0 }, 'version'),
  version('two', 'version 2, from a newer app', { version: 2 }, 'version'),
  version('huge', 'version 1e300', { version: 1e300 }, 'version'),
  version('string', 'version "1" as a string', { version: '1' }, 'version'),
  version('fraction', 'version 1.5', { version: 1.5 }, 'version'),
  version('negative', 'version −1', { version: -1 }, 'version'),
  version('null', 'version null', { version: null }, 'version'),
  version('missing', 'no version at all', { version: undefined }, 'version'),
  version('format-wrong', "another tool's format string", { format: 'shiviz/log' }, 'format'),
  version('format-missing', 'no format', { format: undefined }, 'format'),
  version('format-case', 'the format in upper case', { format: FORMAT.toUpperCase() }, 'format'),
  {
    name: 'version-one-point-zero',
    category: 'versions',
    probes: 'version written 1.0 (the same number as 1)',
    expect: 'runs',
    content: JSON.stringify(base()).replace('"version":1', '"version":1.0'),
  },
];

const enc = (
  name: string,
  probes: string,
  content: Uint8Array,
  expect: HostileCase['expect'] = 'refused',
): HostileCase => ({
  name: `encoding-${name}`,
  category: 'encoding',
  probes,
  expect,
  field: expect === 'refused' ? '(file)' : undefined,
  content,
});

const valid = () => utf8(JSON.stringify(base()));
const utf16 = (s: string, bigEndian: boolean) => {
  const out = new Uint8Array(2 * s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
};

export const encodingCases: HostileCase[] = [
  enc('utf8-bom', 'a UTF-8 byte-order mark before a valid scenario', bytes([0xef, 0xbb, 0xbf], valid()), 'runs'),
  enc(
    'utf8-double-bom',
    'two UTF-8 byte-order marks (the decoder skips one, the JSON reader the other)',
    bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], valid()),
    'runs',
  ),
  enc(
    'utf16le-bom',
    'UTF-16 little-endian with its byte-order mark',
    bytes([0xff, 0xfe], utf16(JSON.stringify(base()), false)),
  ),
  enc(
    'utf16be-bom',
    'UTF-16 big-endian with its byte-order mark',
    bytes([0xfe, 0xff], utf16(JSON.stringify(base()), true)),
  ),
  enc(
    'utf16le-no-bom',
    'UTF-16 little-endian without a byte-order mark (NUL bytes everywhere)',
    utf16(JSON.stringify(base()), false),
  ),
  enc('utf32-bom', 'UTF-32 big-endian byte-order mark', bytes([0, 0, 0xfe, 0xff], valid())),
  enc('invalid-ff', 'a 0xFF byte inside a label', withRawBytes([0xff])),
  enc('invalid-continuation', 'a lone continuation byte 0x80 inside a label', withRawBytes([0x80])),
  enc('invalid-overlong', 'an overlong encoding of "/" (C0 AF)', withRawBytes([0xc0, 0xaf])),
  enc('invalid-surrogate', 'a UTF-16 surrogate encoded in UTF-8 (ED A0 80)', withRawBytes([0xed, 0xa0, 0x80])),
  enc('invalid-truncated', 'a three-byte sequence cut after two bytes', withRawBytes([0xe2, 0x82])),
  enc('invalid-above-max', 'a code point above U+10FFFF (F4 90 80 80)', withRawBytes([0xf4, 0x90, 0x80, 0x80])),
  enc('nul-in-label', 'a raw NUL byte inside a label (valid UTF-8, not valid JSON)', withRawBytes([0x00])),
  enc('empty', 'an empty file', new Uint8Array(0)),
  enc('only-bom', 'a UTF-8 byte-order mark and nothing else', Uint8Array.from([0xef, 0xbb, 0xbf])),
];
