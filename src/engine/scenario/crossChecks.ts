/**
 * Rules that relate fields to each other: ids that must name an agent, no
 * duplicates, min ≤ max, and the number of links a builder would create. They run
 * only on a document the schema accepted, so every field has its declared type.
 */
import type { Agent } from '../core/agent';
import { ValidationError } from '../core/errors';
import { MAX_LINKS, MAX_VALIDATION_ERRORS } from '../core/limits';
import { DEFAULT_HEARTBEAT_INTERVAL_MS } from '../delegation/taskDelegator';
import { FILE_FIELD } from './format';
import { formatPath } from './issues';
import { fmt } from './rules';
import { ScenarioLimitError } from './scenarioLimitError';
import type { ScenarioFile } from './schema';

type Path = (string | number)[];

/**
 * Collects errors and knows which ids exist. Only the first MAX_VALIDATION_ERRORS
 * become Error objects; the rest are counted: a file with 400,000 links to unknown
 * agents must not build 800,000 errors (and their stack traces) to show 100.
 */
class Checker {
  readonly errors: ValidationError[] = [];
  readonly index = new Map<string, number>();
  /** Every error found, listed or not. */
  count = 0;

  constructor(agents: readonly Agent[]) {
    agents.forEach((agent, i) => {
      const first = this.index.get(agent.id);
      if (first === undefined) this.index.set(agent.id, i);
      else this.error(['topology', 'agents', i, 'id'], `duplicates topology.agents[${first}].id ("${agent.id}")`);
    });
  }

  error(path: Path, rule: string): void {
    this.add(() => new ValidationError(formatPath(path), rule));
  }

  /** Builds the error only while it will be listed. */
  add(make: () => ValidationError): void {
    if (++this.count <= MAX_VALIDATION_ERRORS) this.errors.push(make());
  }

  /** The errors as parse reports them: at most MAX_VALIDATION_ERRORS, the last counting the ones not listed. */
  listed(): ValidationError[] {
    if (this.count <= MAX_VALIDATION_ERRORS) return this.errors;
    const shown = this.errors.slice(0, MAX_VALIDATION_ERRORS - 1);
    const rest = this.count - shown.length;
    return [...shown, new ValidationError(FILE_FIELD, `has ${rest} more problems not listed here`)];
  }

  /** `id` must name an agent. Ids passed the schema's pattern, so quoting them in a message is safe. */
  agent(path: Path, id: string): void {
    if (!this.index.has(id)) this.error(path, `is not the id of any agent ("${id}")`);
  }

  /** Every id must name an agent, and none may appear twice (in this list or in `seen`). */
  agents(path: Path, ids: readonly string[], seen = new Set<string>()): void {
    ids.forEach((id, i) => {
      if (seen.has(id)) this.error([...path, i], `names agent "${id}" more than once`);
      seen.add(id);
      if (!this.index.has(id)) this.agent([...path, i], id);
    });
  }
}

/** All cross-field errors of a schema-valid file whose agents are already materialised. */
export function crossCheck(file: ScenarioFile, agents: readonly Agent[]): ValidationError[] {
  const c = new Checker(agents);
  checkAgents(c, file);
  checkBuilder(c, file.topology.builder, agents.length);
  checkLinks(c, file.topology.links);
  checkNetwork(c, file.network);
  checkRun(c, file.run, agents);
  return c.listed();
}

function checkAgents(c: Checker, file: ScenarioFile): void {
  file.topology.agents?.forEach((agent, i) => {
    const { policy } = agent;
    if (policy.kind === 'probability' && policy.pFor + (policy.pAbstain ?? 0) > 1) {
      c.error(
        ['topology', 'agents', i, 'policy', 'pAbstain'],
        'must be ≤ 1 − pFor (the chances add up to more than 1)',
      );
    }
    const caps = new Set<string>();
    agent.capabilities.forEach((cap, j) => {
      if (caps.has(cap)) c.error(['topology', 'agents', i, 'capabilities', j], `repeats capability "${cap}"`);
      caps.add(cap);
    });
  });
}

/** Links a builder creates for n agents, to refuse a 100,000-agent mesh before building it. */
function builderLinkCount(builder: ScenarioFile['topology']['builder'], n: number): number {
  switch (builder.kind) {
    case 'mesh':
      return (n * (n - 1)) / 2;
    case 'partial-mesh':
    case 'small-world':
      return Math.ceil((n * Math.min(builder.k, n - 1)) / 2);
    case 'random':
      return Math.round((builder.p * n * (n - 1)) / 2);
    default:
      return n;
  }
}

function checkBuilder(c: Checker, builder: ScenarioFile['topology']['builder'], n: number): void {
  const path = ['topology', 'builder'];
  if (builder.kind === 'star' && builder.hub !== undefined) c.agent([...path, 'hub'], builder.hub);
  if ((builder.kind === 'partial-mesh' || builder.kind === 'small-world') && builder.k >= n) {
    c.error([...path, 'k'], `must be less than the number of agents (${fmt(n)})`);
  }
  const links = builderLinkCount(builder, n);
  if (links > MAX_LINKS) {
    c.add(() => new ScenarioLimitError(formatPath(path), 'MAX_LINKS', MAX_LINKS, links, 'would build # links'));
  }
}

function checkLinks(c: Checker, links: readonly (readonly [string, string])[]): void {
  const seen = new Map<string, number>();
  links.forEach(([a, b], i) => {
    const path = ['topology', 'links', i];
    c.agent([...path, 0], a);
    c.agent([...path, 1], b);
    if (a === b) c.error(path, 'must join two different agents (no self links)');
    // ids cannot contain a space, so it separates the pair unambiguously.
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const first = seen.get(key);
    if (first !== undefined) c.error(path, `duplicates topology.links[${first}]`);
    else seen.set(key, i);
  });
}

function checkNetwork(c: Checker, network: ScenarioFile['network']): void {
  if (network.latencyMsMax < network.latencyMsMin) {
    c.error(['network', 'latencyMsMax'], `must be ≥ network.latencyMsMin (${fmt(network.latencyMsMin)})`);
  }
  network.faults.forEach((fault, i) => {
    const path = ['network', 'faults', i];
    switch (fault.kind) {
      case 'partition': {
        const seen = new Set<string>();
        fault.groups.forEach((group, g) => {
          c.agents([...path, 'groups', g], group, seen);
        });
        break;
      }
      case 'one-way':
        c.agents([...path, 'from'], fault.from);
        c.agents([...path, 'to'], fault.to);
        break;
      case 'crash':
      case 'recover':
        c.agent([...path, 'agent'], fault.agent);
        break;
    }
  });
}

type Agents = readonly Agent[];

function checkRun(c: Checker, run: ScenarioFile['run'], agents: Agents): void {
  switch (run.kind) {
    case 'flood':
      if (run.origin !== undefined) c.agent(['run', 'origin'], run.origin);
      break;
    case 'consensus':
      if (run.participants) c.agents(['run', 'participants'], run.participants);
      for (const id of Object.keys(run.agentWeights ?? {})) c.agent(['run', 'agentWeights', id], id);
      break;
    case 'rumor':
      if (run.origin === undefined) break;
      if (run.agentCount !== undefined) {
        c.error(['run', 'origin'], 'must be left out when run.agentCount is given (aggregate mode has no agent ids)');
      } else c.agent(['run', 'origin'], run.origin);
      break;
    case 'sync':
      if (run.changedKeys !== undefined && run.changedKeys > run.keys) {
        c.error(['run', 'changedKeys'], `must be ≤ run.keys (${fmt(run.keys)})`);
      }
      break;
    case 'delegation':
      checkDelegation(c, run, agents);
      break;
  }
}

/** The same rules validateDelegationParams and runDelegation apply, with the swarm known. */
function checkDelegation(c: Checker, run: Extract<ScenarioFile['run'], { kind: 'delegation' }>, agents: Agents): void {
  if (run.taskCostMs && run.taskCostMs[1] < run.taskCostMs[0]) {
    c.error(['run', 'taskCostMs', 1], `must be ≥ run.taskCostMs[0] (${fmt(run.taskCostMs[0])})`);
  }
  if (run.delegator !== undefined) c.agent(['run', 'delegator'], run.delegator);
  if (run.crash) {
    c.agent(['run', 'crash', 'agent'], run.crash.agent);
    const delegator = run.delegator ?? agents[0]?.id;
    if (run.crash.agent === delegator) {
      c.error(['run', 'crash', 'agent'], `must not be the delegator ("${delegator}", the one reliable agent)`);
    }
  }
  const heartbeatMs = run.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  if (run.detectionTimeoutMs !== undefined && run.detectionTimeoutMs <= heartbeatMs) {
    const source = run.heartbeatIntervalMs === undefined ? 'the default heartbeat interval' : 'run.heartbeatIntervalMs';
    c.error(['run', 'detectionTimeoutMs'], `must be longer than ${source} (${fmt(heartbeatMs)} ms)`);
  }
}
