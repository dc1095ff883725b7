import type { PropertyMeta, RunKindMeta } from '../kind';
import { consensusBehaviours } from './consensus.behaviours';
import { narrateConsensus } from './consensus.narrate';

const DECIDES: PropertyMeta = { id: 'decides', label: 'a decision before the timeout', sort: 'liveness' };

/** One proposal voted on by the swarm, with one of five algorithms. */
export const consensusMeta: RunKindMeta<'consensus'> = {
  kind: 'consensus',
  label: 'Consensus',
  presets: [
    { id: 'quorum', label: 'Consensus: quorum', run: { kind: 'consensus', algorithm: 'quorum', mode: 'simple' } },
    { id: 'weighted', label: 'Consensus: weighted', run: { kind: 'consensus', algorithm: 'weighted', threshold: 0.6 } },
    {
      id: 'byzantine',
      label: 'Consensus: Byzantine (reliable broadcast)',
      run: { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1, numRounds: 3 },
    },
    {
      id: 'oral-messages',
      label: 'Byzantine generals (oral messages)',
      run: { kind: 'consensus', algorithm: 'oral-messages' },
    },
    {
      id: 'gossip',
      label: 'Gossip vote',
      run: {
        kind: 'consensus',
        algorithm: 'gossip',
        fanout: 3,
        rounds: 5,
        convergenceThreshold: 0.95,
        threshold: 0.66,
      },
    },
  ],
  presetOf: (run) => String(run.algorithm),
  properties(run) {
    switch (run.algorithm) {
      case 'byzantine':
        return [{ id: 'honest-agreement', label: 'all honest agents decide the same', sort: 'safety' }, DECIDES];
      case 'oral-messages':
        return [
          { id: 'interactive-consistency', label: 'loyal generals agree (interactive consistency)', sort: 'safety' },
        ];
      case 'gossip': {
        const rounds = typeof run.rounds === 'number' ? run.rounds : 5;
        return [{ id: 'converges', label: 'the vote converges', sort: 'liveness', roundBound: rounds }];
      }
      default:
        return [DECIDES];
    }
  },
  events: [
    'consensusRequest',
    'voteSent',
    'voteDelivered',
    'voteChanged',
    'decided',
    'roundEnd',
    'echo',
    'ready',
    'flagged',
    'gossipContact',
  ],
  behaviours: consensusBehaviours,
  narrate: narrateConsensus,
};
