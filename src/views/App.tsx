import { useEffect } from 'react';
import { refreshTopology } from '../store/actions';
import { useStore } from '../store/index';
import { RunPanel } from './run/RunPanel';
import { RunSummaryPanel } from './run/RunSummaryPanel';
import { SwarmControls } from './topology/SwarmControls';
import { TopologyView } from './topology/TopologyView';

export function App() {
  const scenario = useStore((s) => s.scenario);
  // The drawn swarm is a view of the scenario: rebuild it (in the worker) whenever the scenario changes.
  useEffect(() => {
    void scenario;
    void refreshTopology();
  }, [scenario]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Swarm Playground</h1>
        <p className="tagline">Build a swarm, break the network, watch coordination happen.</p>
      </header>
      <aside className="sidebar" aria-label="Scenario">
        <SwarmControls />
        <RunPanel />
      </aside>
      <main className="stage" aria-label="Swarm view">
        <TopologyView />
      </main>
      <aside className="details" aria-label="Results">
        <RunSummaryPanel />
      </aside>
    </div>
  );
}
