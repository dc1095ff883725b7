/**
 * Field paths in the words of the controls that edit them: `topology.builder.k` reads
 * “Topology → neighbours per agent (k)”, `network.faults[1].atMs` “Network → fault 2 → time (ms)”.
 * Every message a person sees names fields this way (issueFor, the run's and the library's
 * problem lists, the merge inspector); the paths themselves stay in the data and the tests.
 */

type Words = Readonly<Record<string, string>>;

/** Fields at the top of a scenario file, and the whole-input fields of the library and the inspectors. */
const TOP: Words = {
  seed: 'Swarm → Seed',
  name: 'Name',
  description: 'Description',
  format: 'File format',
  version: 'File version',
  '(file)': 'The file',
  '(link)': 'The link',
  text: 'Log text',
  parser: 'Parser',
  delimiter: 'Delimiter',
};

const SECTIONS: Words = {
  topology: 'Swarm',
  network: 'Network',
  run: 'Run',
  versions: 'Version',
  conflicts: 'Version',
};

/** Each section's fields, as its controls are labelled (the Swarm, Network and Run panels, the inspector). */
const FIELDS: Readonly<Record<string, Words>> = {
  topology: { agentCount: 'Agents', agents: 'Agents', builder: 'Topology', links: 'Links' },
  builder: {
    kind: 'kind',
    k: 'neighbours per agent (k)',
    p: 'link probability (p)',
    beta: 'rewiring (β)',
    branching: 'branching',
    hub: 'hub of the star',
  },
  agents: {
    id: 'id',
    label: 'Label',
    weight: 'Weight',
    capabilities: 'Capabilities',
    behaviour: 'Behaviour',
    policy: 'Policy',
    position: 'position',
  },
  policy: {
    kind: 'kind',
    vote: 'Vote',
    pFor: 'Chance of voting for',
    pAbstain: 'Chance of abstaining',
    field: 'Proposal field',
    op: 'Comparison',
    value: 'Value',
    then: 'Then vote',
    otherwise: 'Otherwise vote',
  },
  network: {
    latencyMsMin: 'Latency min (ms)',
    latencyMsMax: 'Latency max (ms)',
    lossProbability: 'Loss',
    duplicationProbability: 'Duplication',
    reorderProbability: 'Reordering',
    faults: 'Scheduled faults',
  },
  faults: { kind: 'kind', atMs: 'time (ms)', groups: 'groups', from: 'from', to: 'to', agent: 'agent' },
  run: {
    kind: 'What to run',
    algorithm: 'algorithm',
    mode: 'Mode',
    threshold: 'Threshold',
    faultTolerance: 'Fault tolerance f',
    numRounds: 'Rounds',
    m: 'Relay rounds m',
    fanout: 'Fanout',
    rounds: 'Rounds',
    maxRounds: 'most rounds',
    convergenceThreshold: 'Convergence threshold',
    agentCount: 'Aggregate agents',
    origin: 'first informed agent',
    crdtType: 'CRDT type',
    operations: 'Operations',
    keys: 'Keys',
    changedKeys: 'Changed keys',
    strategy: 'Strategy',
    tasks: 'Tasks',
    participants: 'participants',
    proposal: 'proposal',
    agentWeights: 'agent weights',
    timeoutMs: 'timeout (ms)',
    crash: 'crash',
    delegator: 'delegator',
    taskCostMs: 'task cost (ms)',
    maxTimeMs: 'time limit (ms)',
    opIntervalMs: 'time between operations (ms)',
    syncIntervalMs: 'time between syncs (ms)',
    keySpace: 'key space',
    healAtEnd: 'heal at the end',
    swarmId: 'swarm id',
    teaching: 'teaching switches',
  },
  crash: { agent: 'crashed agent', atMs: 'crash time (ms)' },
  versions: {
    agentId: 'Agent',
    value: 'Value (JSON)',
    version: 'Version',
    timestamp: 'Timestamp',
    clock: 'Vector clock',
  },
};

/** A table's own entry: a key from a file (`constructor`, `__proto__`) must not find Object.prototype's. */
const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** What one item of a list is called: `topology.agents[3]` is agent 4. */
const ITEM: Words = {
  agents: 'agent',
  links: 'link',
  faults: 'fault',
  groups: 'group',
  participants: 'participant',
  commands: 'command',
  capabilities: 'capability',
  versions: 'version',
  conflicts: 'version',
  from: 'agent id',
  to: 'agent id',
  'agent id': 'agent id',
};

/** An identifier no table names, in words: `electionTimeoutMsMax` ⇒ “election timeout max (ms)”. */
export function identifierWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w));
  const ms = words.some((w) => w.toLowerCase() === 'ms');
  const rest = words.filter((w) => w.toLowerCase() !== 'ms').join(' ');
  return ms ? `${rest} (ms)` : rest;
}

type Segment = { key: string; quoted: boolean } | { index: number };

/** `run.agentWeights["agent-1"].x[2]` ⇒ keys and indices; null when the text is not a path. */
function segments(path: string): Segment[] | null {
  const out: Segment[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|(\.)/gy;
  let m: RegExpExecArray | null = re.exec(path);
  while (m) {
    if (m[1] !== undefined) out.push({ key: m[1], quoted: false });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ key: m[3], quoted: true });
    if (re.lastIndex === path.length) return out;
    m = re.exec(path);
  }
  return null;
}

/** How a field path is named: optional ids of the swarm's agents, so `topology.agents[3]` reads as its id. */
export interface FieldWordsContext {
  agentIds?: readonly string[];
}

/** The words of one item of list `list` at `index` (agent ids when the list is the swarm's agents). */
function itemWords(list: string, index: number, context: FieldWordsContext): string {
  if (list === 'agents' && context.agentIds?.[index]) return context.agentIds[index];
  return `${own(ITEM, list) ?? 'item'} ${index + 1}`;
}

/**
 * A field path in words; text that is not a path comes back as it is.
 * @example fieldWords('topology.builder.k') // 'Topology → neighbours per agent (k)'
 * @example fieldWords('topology.agents[3].weight', { agentIds }) // 'Swarm → agent-4 → Weight'
 */
export function fieldWords(path: string, context: FieldWordsContext = {}): string {
  const top = own(TOP, path);
  if (top) return top;
  const segs = segments(path);
  const first = segs?.[0];
  if (!segs || !first || !('key' in first)) return path;
  const words = [own(SECTIONS, first.key) ?? identifierWords(first.key)];
  // The table the next key is looked up in, and the list the next index is an item of.
  let table: string | null = first.key;
  let list = first.key;
  let afterKey = true;
  for (const [n, seg] of segs.slice(1).entries()) {
    if ('index' in seg) {
      // A named item replaces its list's name (“Network → fault 2”, not “Network → Scheduled faults → fault 2”);
      // at the start the section names the list (“Version 3”).
      const item = itemWords(list, seg.index, context);
      if (n === 0 && own(ITEM, list)) words[0] = item.charAt(0).toUpperCase() + item.slice(1);
      else if (afterKey && own(ITEM, list) && own(ITEM, list) !== 'agent id') words[words.length - 1] = item;
      else words.push(item);
      list = own(ITEM, list) === 'group' ? 'agent id' : '';
      afterKey = false;
      continue;
    }
    const fields = table ? own(FIELDS, table) : undefined;
    const known = fields ? own(fields, seg.key) : undefined;
    words.push(known ?? (seg.quoted ? seg.key : identifierWords(seg.key)));
    list = seg.key;
    table = own(FIELDS, seg.key) ? seg.key : null;
    afterKey = true;
  }
  // The topology menu is known by its own name: “Topology → neighbours per agent (k)”.
  if (words[0] === 'Swarm' && words[1] === 'Topology' && words.length > 2) words.shift();
  return words.join(' → ');
}

/** An issue as a sentence: its field in words, then its rule (whose own mentions of fields are words too). */
export const issueWords = (issue: { field: string; rule: string }, context?: FieldWordsContext): string => {
  const rule = withFieldWords(issue.rule, context);
  return issue.field ? `${fieldWords(issue.field, context)}: ${rule}` : rule;
};

/** A path-looking run of text inside a message (`run.keys`, `topology.agents[3].weight`). */
const PATH_IN_TEXT =
  /(?<![\w.$[\]"-])(?:topology|network|run)(?:\.[a-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])+(?![\w$])/g;

/**
 * A message with every field path in it replaced by its words, for messages written
 * elsewhere that name fields (“run.keys (1,000) × agents …” ⇒ “Run → Keys (1,000) × agents …”).
 */
export function withFieldWords(text: string, context?: FieldWordsContext): string {
  return text.replace(PATH_IN_TEXT, (path) =>
    path.includes('.') || path.includes('[') ? fieldWords(path, context) : path,
  );
}
