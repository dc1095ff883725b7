import type { Agent } from '../core/agent';
import type { NetworkConfig } from '../network/faults';
import type { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
import type { ScenarioFile } from './schema';

type FileBuilder = ScenarioFile['topology']['builder'];
type FileRun = ScenarioFile['run'];

/** How the links are built. A star's hub is always named once the file is parsed (default: the first agent). */
export type TopologyBuilderSpec = Exclude<FileBuilder, { kind: 'star' }> | { kind: 'star'; hub: string };

/** A scheduled fault; agents are named by id (resolveScenarioIds turns them into network indices). */
export type ScenarioFault = ScenarioFile['network']['faults'][number];

/** What to run and its parameters. A flood's origin is always named once the file is parsed (default: the first agent). */
export type RunSpec = Exclude<FileRun, { kind: 'flood' }> | { kind: 'flood'; origin: string };
export type RunKind = RunSpec['kind'];

/**
 * A validated scenario: every default filled, `topology.agents` listing all
 * `agentCount` agents (generated as `agent-1`..`agent-N` when the file gave only
 * a count), and every id it mentions known to exist.
 */
export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  name?: string;
  description?: string;
  seed: number;
  topology: {
    agentCount: number;
    agents: Agent[];
    builder: TopologyBuilderSpec;
    links: [string, string][];
  };
  network: NetworkConfig & { faults: ScenarioFault[] };
  run: RunSpec;
}
