/**
 * Compares the work budget's estimate with what a run really does, to calibrate
 * RUN_BUDGET (src/engine/runs/budgetCost.ts): `npx tsx scripts/hostile/measure.ts <scenario.json>…`.
 * Prints, per file, the estimated and the real trace events and serialised bytes
 * (every string the trace hashes), the other estimates, and the run's CPU time.
 * Runs even a scenario over budget (that is what calibrating needs): keep them small.
 */
import { readFileSync } from 'node:fs';
import { Hasher } from '../../src/engine/core/hash';
import { Prng } from '../../src/engine/core/prng';
import { SwarmCoordinator } from '../../src/engine/core/swarmCoordinator';
import { Network } from '../../src/engine/network/network';
import { estimateRun } from '../../src/engine/runs/budget';
import { totals } from '../../src/engine/runs/budgetCost';
import { dispatchRun, isAggregateRun } from '../../src/engine/runs/registry';
import { buildSwarm } from '../../src/engine/runs/runScenario';
import { parseScenario } from '../../src/engine/scenario';
import { resolveScenarioIds } from '../../src/engine/scenario/resolve';
import { Trace } from '../../src/engine/trace/trace';

let hashed = 0;
const hashString = Hasher.prototype.string;
Hasher.prototype.string = function (this: Hasher, s: string) {
  hashed += s.length;
  return hashString.call(this, s);
};

const M = (x: number) => `${(x / 1e6).toFixed(2)}M`;

/** Runs the scenario as runScenario does, without its budget check, and measures it. */
async function measure(file: string): Promise<void> {
  const scenario = parseScenario(readFileSync(file, 'utf8'));
  const swarm = isAggregateRun(scenario) ? new SwarmCoordinator() : buildSwarm(scenario);
  const est = totals(estimateRun(scenario, swarm, { record: false }));
  hashed = 0;
  const trace = new Trace(false);
  const network = new Network(swarm.size, scenario.network, new Prng(scenario.seed).fork(2), trace);
  if (!isAggregateRun(scenario)) {
    network.followTopology(swarm.agents.map((_, i) => swarm.neighbourIndices(i)));
    for (const fault of resolveScenarioIds(scenario).faults) network.scheduleFault(fault);
  }
  swarm.attach(network);
  const cpu = process.cpuUsage();
  await dispatchRun({ coordinator: swarm, network, rng: new Prng(scenario.seed).fork(3), trace }, scenario);
  const used = process.cpuUsage(cpu);
  console.log(
    [
      file,
      `cpu ${Math.round((used.user + used.system) / 1000)} ms`,
      `events est ${M(est.events)} real ${M(trace.length)}`,
      `bytes est ${M(est.bytes)} real ${M(hashed)}`,
      `steps est ${M(est.steps)}`,
      `memory est ${M(est.memory)}`,
    ].join(' | '),
  );
}

async function main(files: string[]): Promise<void> {
  for (const file of files) await measure(file);
}

main(process.argv.slice(2));
