import type { PanelDef } from '../panels';
import { ConsensusPanel } from './ConsensusPanel';
import { CounterexamplePanel } from './CounterexamplePanel';
import { SpreadPanel } from './SpreadPanel';
import './consensus.css';

/** Right-hand tabs for consensus and gossip runs. */
export const CONSENSUS_PANELS: PanelDef[] = [
  { id: 'consensus', title: 'Consensus', area: 'right', component: ConsensusPanel },
  { id: 'spread', title: 'Spread', area: 'right', component: SpreadPanel },
  { id: 'counterexample', title: 'Counterexample', area: 'right', component: CounterexamplePanel },
];
