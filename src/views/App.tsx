import { useEffect } from 'react';
import { refreshTopology } from '../store/actions';
import { commandForKey, keyOf } from '../store/commands';
import { useStore } from '../store/index';
import { startLibrary } from '../store/persistence/startLibrary';
import { Tabs } from './common/Tabs';
import { CONSENSUS_PANELS } from './consensus/panels';
import { Header } from './Header';
import { HelpOverlay } from './HelpOverlay';
import { AgentInspector } from './inspector/AgentInspector';
import { INSPECTOR_PANELS } from './inspectors/panels';
import { LIBRARY_PANELS } from './library/panels';
import { NetworkPanel } from './network/NetworkPanel';
import type { PanelDef } from './panels';
import { PlaybackBar } from './playback/PlaybackBar';
import { ResultsPanel } from './run/ResultsPanel';
import { RunPanel } from './run/RunPanel';
import { RunSummaryPanel } from './run/RunSummaryPanel';
import { TopologyStage } from './stage/TopologyStage';
import { SwarmControls } from './topology/SwarmControls';

const RIGHT_PANELS: PanelDef[] = [
  { id: 'inspector', title: 'Inspector', area: 'right', component: AgentInspector },
  { id: 'results', title: 'Results', area: 'right', component: ResultsPanel },
  ...LIBRARY_PANELS,
  ...CONSENSUS_PANELS,
];
const BOTTOM_PANELS: PanelDef[] = INSPECTOR_PANELS;

/** Keys go to commands unless the user is typing in a field. */
function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (typing && e.key !== 'Escape') return;
      if (e.altKey) return;
      // Space and Enter on a focused button or tab activate it, as everywhere else.
      if ((e.key === ' ' || e.key === 'Enter') && target?.closest('button, [role="tab"], a, summary')) return;
      const command = commandForKey(keyOf(e));
      if (!command) return;
      e.preventDefault();
      command.perform();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const scenario = useStore((s) => s.scenario);
  const rightTab = useStore((s) => s.rightTab);
  const setRightTab = useStore((s) => s.setRightTab);
  const bottomTab = useStore((s) => s.bottomTab);
  const setBottomTab = useStore((s) => s.setBottomTab);
  useShortcuts();
  // Restore the autosave, open a share link in the address bar, keep autosaving.
  useEffect(() => startLibrary(), []);
  // The drawn swarm is a view of the scenario: rebuild it (in the worker) whenever the scenario changes.
  useEffect(() => {
    void scenario;
    void refreshTopology();
  }, [scenario]);

  return (
    <div className={`app${BOTTOM_PANELS.length ? ' with-drawer' : ''}`}>
      <Header />
      <aside className="sidebar" aria-label="Scenario">
        <SwarmControls />
        <RunPanel />
        <NetworkPanel />
      </aside>
      <main className="stage" aria-label="Swarm view">
        <TopologyStage />
        <PlaybackBar />
      </main>
      <aside className="details" aria-label="Details">
        <RunSummaryPanel />
        <Tabs label="Details" panels={RIGHT_PANELS} active={rightTab} onChange={setRightTab} />
      </aside>
      {BOTTOM_PANELS.length > 0 && (
        <section className="drawer" aria-label="Inspectors">
          <Tabs label="Inspectors" panels={BOTTOM_PANELS} active={bottomTab} onChange={setBottomTab} />
        </section>
      )}
      <HelpOverlay />
    </div>
  );
}
