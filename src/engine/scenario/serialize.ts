import type { Agent } from '../core/agent';
import { MAX_SCENARIO_BYTES } from '../core/limits';
import { utf8Length } from './preflight';
import { defaultAgent } from './resolve';
import { ScenarioTooLargeError } from './scenarioLimitError';
import type { Scenario } from './types';

/** Objects with `kind` (or `id`) first and the other keys sorted, so equal scenarios serialise to equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const rank = (k: string) => (k === 'kind' || k === 'id' ? 0 : 1);
  entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  // Null prototype: a key is always data here, whatever its name.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of entries) out[k] = canonical(v);
  return out;
}

const isDefaultPolicy = (a: Agent) => a.policy.kind === 'fixed' && a.policy.vote === 'for';

/** Only what differs from the defaults the parser fills in again. */
function compactAgent(a: Agent): Record<string, unknown> {
  const out: Record<string, unknown> = { id: a.id };
  if (a.label !== a.id) out.label = a.label;
  if (a.weight !== 1) out.weight = a.weight;
  if (a.capabilities.length > 0) out.capabilities = a.capabilities;
  if (a.behaviour !== 'honest') out.behaviour = a.behaviour;
  if (!isDefaultPolicy(a)) out.policy = a.policy;
  if (a.position) out.position = a.position;
  return out;
}

function isDefaultAgent(a: Agent, i: number): boolean {
  return a.id === defaultAgent(i).id && Object.keys(compactAgent(a)).length === 1;
}

/**
 * The canonical text of a scenario: fixed key order, defaults that the parser
 * would fill left out where that keeps files short (agents that are all default
 * are written as a count), one agent, link or fault per line — or compact JSON
 * when that layout would exceed MAX_SCENARIO_BYTES. `parseScenario(serializeScenario(s))` deep-equals `s`
 * for every parsed scenario. Throws a ScenarioTooLargeError (a LimitError) when the text would exceed
 * MAX_SCENARIO_BYTES, because such a file could not be opened again.
 *
 * @example
 * const text = serializeScenario(parseScenario(fileText));
 */
export function serializeScenario(scenario: Scenario): string {
  const { topology, network } = scenario;
  const { faults, ...link } = network;
  const agents = topology.agents.every(isDefaultAgent) ? undefined : topology.agents.map(compactAgent);
  const doc = {
    format: scenario.format,
    version: scenario.version,
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    topology: {
      agentCount: topology.agents.length,
      agents,
      builder: canonical(topology.builder),
      links: topology.links.length > 0 ? topology.links : undefined,
    },
    network: { ...(canonical(link) as object), faults: faults.length > 0 ? canonical(faults) : undefined },
    run: canonical(scenario.run),
  };
  // Readable when it fits; a large swarm falls back to compact JSON so a file that opened can be saved again.
  const readable = `${layout(doc, 0)}\n`;
  if (utf8Length(readable) <= MAX_SCENARIO_BYTES) return readable;
  const compact = JSON.stringify(doc);
  const bytes = utf8Length(compact);
  if (bytes > MAX_SCENARIO_BYTES) throw new ScenarioTooLargeError(bytes);
  return compact;
}

/** Levels that are indented; deeper values (one agent, one link, one fault) stay on one line each. */
const INDENTED_LEVELS = 3;

function layout(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object' || depth >= INDENTED_LEVELS) return JSON.stringify(value);
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => pad + layout(item, depth + 1)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${layout(v, depth + 1)}`);
  return `{\n${lines.join(',\n')}\n${close}}`;
}
