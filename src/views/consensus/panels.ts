import { lazyPanel, type PanelDef } from '../panels';
import './consensus.css';

/** Right-hand tabs for consensus and gossip runs (loaded on first use). */
export const CONSENSUS_PANELS: PanelDef[] = [
  {
    id: 'consensus',
    title: 'Consensus',
    area: 'right',
    component: lazyPanel(() => import('./ConsensusPanel'), 'ConsensusPanel'),
  },
  { id: 'spread', title: 'Spread', area: 'right', component: lazyPanel(() => import('./SpreadPanel'), 'SpreadPanel') },
  {
    id: 'counterexample',
    title: 'Counterexample',
    area: 'right',
    component: lazyPanel(() => import('./CounterexamplePanel'), 'CounterexamplePanel'),
  },
];
