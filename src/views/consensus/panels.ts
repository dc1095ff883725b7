import { algorithmOf, lazyPanel, type PanelDef } from '../panels';
import './consensus.css';

/** Right-hand tabs for consensus and gossip runs (loaded on first use). */
export const CONSENSUS_PANELS: PanelDef[] = [
  {
    id: 'consensus',
    title: 'Consensus',
    area: 'right',
    component: lazyPanel(() => import('./ConsensusPanel'), 'ConsensusPanel'),
    // The tally, the matrix, the generals' orders, Raft's logs, PBFT's phases; a gossip vote is a curve first (Spread).
    explains: (s) =>
      (s.runKind === 'consensus' && algorithmOf(s) !== 'gossip') || s.runKind === 'raft' || s.runKind === 'pbft',
  },
  {
    id: 'spread',
    title: 'Spread',
    area: 'right',
    component: lazyPanel(() => import('./SpreadPanel'), 'SpreadPanel'),
    // A flood's informed share per hop, a rumor's per round, a gossip vote's agreement per round.
    explains: (s) => s.runKind === 'flood' || s.runKind === 'rumor' || algorithmOf(s) === 'gossip',
  },
  {
    id: 'counterexample',
    title: 'Counterexample',
    area: 'right',
    component: lazyPanel(() => import('./CounterexamplePanel'), 'CounterexamplePanel'),
  },
];
