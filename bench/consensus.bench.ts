/**
 * Consensus benchmarks (issue 3): rumor spreading at a million agents, gossip
 * majority at 100,000, and one Byzantine decision by reliable broadcast at n = 100.
 */
import { performance } from 'node:perf_hooks';
import { ByzantineConsensus } from '../src/engine/consensus/byzantine';
import { ConsensusManager } from '../src/engine/consensus/consensusManager';
import { gossipMajority } from '../src/engine/consensus/gossip';
import { RumorSpreading } from '../src/engine/consensus/rumor';
import { Prng } from '../src/engine/core/prng';
import { SwarmCoordinator } from '../src/engine/core/swarmCoordinator';
import { Network } from '../src/engine/network/network';
import { Trace } from '../src/engine/trace/trace';
import type { BenchCase } from './harness';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const rumorMillion: BenchCase = {
  name: 'rumor: push-pull, fanout 3, n = 1,000,000 (all rounds)',
  rounds: 3,
  targets: [{ kind: 'calibration', atMost: 3, label: '≤ 3× the calibration op per contact' }],
  ours: {
    name: 'ours',
    run: () => {
      const run = new RumorSpreading({ mode: 'push-pull', fanout: 3 }).start({
        agentCount: 1_000_000,
        rng: new Prng(1),
      });
      let contacts = 0;
      let slowest = 0;
      while (!run.done) {
        const t = performance.now();
        contacts += run.step().contacts;
        slowest = Math.max(slowest, performance.now() - t);
      }
      return {
        ops: contacts,
        unit: 'contact',
        note: `${run.round} rounds, slowest round ${fmt(slowest, 1)} ms (wall), ${fmt(contacts / run.round)} contacts/round`,
      };
    },
  },
};

const gossipHundredThousand: BenchCase = {
  name: 'gossip decide: majority, n = 100,000, fanout 3, 20 rounds',
  rounds: 3,
  targets: [{ kind: 'ms', atMost: 300, label: '≤ 300 ms' }],
  ours: {
    name: 'ours',
    run: () => {
      const n = 100_000;
      const rng = new Prng(2);
      const initial = Int8Array.from({ length: n }, () => (rng.chance(0.55) ? 1 : -1));
      // One stubborn dissenter keeps agreement below 100 %, so all 20 rounds run.
      const stubborn = new Uint8Array(n);
      stubborn[0] = 1;
      initial[0] = -1;
      const out = gossipMajority(initial, { fanout: 3, rounds: 20, convergenceThreshold: 1, rng, stubborn });
      return {
        ops: out.roundsCompleted * n * 3,
        unit: 'contact',
        note: `${out.roundsCompleted} rounds, final agreement ${fmt(100 * out.history.at(-1)!.agreementRatio, 3)} %`,
      };
    },
  },
};

const byzantineHundred: BenchCase = {
  name: 'byzantine on the network: n = 100, f = 33, one decision',
  rounds: 3,
  targets: [{ kind: 'ms', atMost: 500, label: '≤ 0.5 s per decision' }],
  ours: {
    name: 'ours',
    run: () => {
      const n = 100;
      const rng = new Prng(3);
      const swarm = SwarmCoordinator.fromTopology({ kind: 'ring' }, n, rng);
      for (let i = 0; i < 33; i++)
        swarm.updateAgent(`agent-${n - i}`, { behaviour: i % 2 ? 'equivocate' : 'lie-in-relay' });
      const net = new Network(
        n,
        { latencyMsMin: 10, latencyMsMax: 50, lossProbability: 0, duplicationProbability: 0, reorderProbability: 0 },
        rng.fork(1),
        new Trace(false),
      );
      swarm.attach(net);
      const manager = new ConsensusManager(swarm, { rng: rng.fork(2) });
      manager.registerAlgorithm('byzantine', new ByzantineConsensus({ faultTolerance: 33 }));
      const r = manager.requestConsensus({ proposalId: 'bench' }, { algorithm: 'byzantine' });
      const messages = r.metadata.messages as number;
      return {
        ops: messages,
        unit: 'msg',
        note: `${fmt(messages)} messages per decision (O(n³): reliable broadcast of n votes), decision ${r.decision}, trace hash ${net.trace.hash()}`,
        check: net.trace.hash(),
      };
    },
  },
};

export const cases: BenchCase[] = [rumorMillion, gossipHundredThousand, byzantineHundred];
