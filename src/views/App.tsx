import { useEffect } from 'react';
import { refreshTopology } from '../store/actions';
import { commandForKey, keyOf } from '../store/commands';
import { useStore } from '../store/index';
import { startLibrary } from '../store/persistence/startLibrary';
import { PanelBoundary } from './common/PanelBoundary';
import { Tabs } from './common/Tabs';
import { CONSENSUS_PANELS } from './consensus/panels';
import { Header } from './Header';
import { HelpOverlay } from './HelpOverlay';
import { AgentInspector } from './inspector/AgentInspector';
import { INSPECTOR_PANELS, KIND_INSPECTOR_PANELS } from './inspectors/panels';
import { DrawerSeparator } from './layout/DrawerSeparator';
import { useRunViews } from './layout/useRunViews';
import { LIBRARY_PANELS } from './library/panels';
import { NarrationPanel } from './narration/NarrationPanel';
import { NetworkPanel } from './network/NetworkPanel';
import type { PanelDef } from './panels';
import { PlaybackBar } from './playback/PlaybackBar';
import { ResultsPanel } from './run/ResultsPanel';
import { RunPanel } from './run/RunPanel';
import { RunSummaryPanel } from './run/RunSummaryPanel';
import { TopologyStage } from './stage/TopologyStage';
import { SwarmControls } from './topology/SwarmControls';

/** The explanations of the run kinds first (one of them opens after a run), then the tools. */
const KIND_VIEWS: PanelDef[] = [...CONSENSUS_PANELS.filter((p) => p.explains), ...KIND_INSPECTOR_PANELS];
const RIGHT_PANELS: PanelDef[] = [
  ...KIND_VIEWS,
  { id: 'inspector', title: 'Inspector', area: 'right', component: AgentInspector },
  { id: 'results', title: 'Results', area: 'right', component: ResultsPanel },
  ...LIBRARY_PANELS,
  ...CONSENSUS_PANELS.filter((p) => !p.explains),
];
const BOTTOM_PANELS: PanelDef[] = INSPECTOR_PANELS;
const DRAWER_ID = 'inspectors-drawer';

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

/** Projector mode scales the root font size: every rem-sized text, control and glyph grows with it. */
function useProjectorMode() {
  const projector = useStore((s) => s.prefs.projector);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
}

/** The bottom drawer: a splitter, one row of tabs with a collapse button, the open tab's panel. */
function Drawer() {
  const bottomTab = useStore((s) => s.bottomTab);
  const open = useStore((s) => s.drawerOpen);
  const px = useStore((s) => s.prefs.drawerPx);
  const { setBottomTab, setDrawerOpen } = useStore.getState();
  const toggle = (
    <button
      type="button"
      className="drawer-toggle"
      aria-expanded={open}
      aria-controls={DRAWER_ID}
      onClick={() => setDrawerOpen(!open)}
    >
      {open ? 'Collapse' : 'Expand'} <span className="visually-hidden">the inspectors</span>
      <span aria-hidden="true">{open ? ' ▾' : ' ▴'}</span>
    </button>
  );
  return (
    <section
      id={DRAWER_ID}
      className={`drawer${open ? '' : ' closed'}`}
      aria-label="Inspectors"
      style={{ '--drawer-px': `${px}px` } as React.CSSProperties}
    >
      <DrawerSeparator controls={DRAWER_ID} />
      <Tabs
        label="Inspectors"
        panels={BOTTOM_PANELS}
        active={bottomTab}
        collapsed={!open}
        tools={toggle}
        onChange={(id) => {
          setBottomTab(id);
          if (!useStore.getState().drawerOpen) setDrawerOpen(true);
        }}
      />
    </section>
  );
}

export function App() {
  const scenario = useStore((s) => s.scenario);
  const rightTab = useStore((s) => s.rightTab);
  const setRightTab = useStore((s) => s.setRightTab);
  useShortcuts();
  useProjectorMode();
  useRunViews(RIGHT_PANELS, BOTTOM_PANELS);
  // Restore the autosave, open a share link in the address bar, keep autosaving.
  useEffect(() => startLibrary(), []);
  // The drawn swarm is a view of the scenario: rebuild it (in the worker) whenever the scenario changes.
  useEffect(() => {
    void scenario;
    void refreshTopology();
  }, [scenario]);

  return (
    <div className="app with-drawer">
      <Header />
      <aside className="sidebar" aria-label="Scenario">
        <PanelBoundary name="Swarm">
          <SwarmControls />
        </PanelBoundary>
        <PanelBoundary name="Run">
          <RunPanel />
          <RunSummaryPanel />
        </PanelBoundary>
        <PanelBoundary name="Network">
          <NetworkPanel />
        </PanelBoundary>
      </aside>
      <main className="stage" aria-label="Swarm view">
        <PanelBoundary name="Stage">
          <TopologyStage />
        </PanelBoundary>
        <PlaybackBar />
      </main>
      <aside className="details" aria-label="Details">
        <Tabs
          label="Details"
          orientation="vertical"
          panels={RIGHT_PANELS}
          active={rightTab}
          onChange={setRightTab}
          dividersAfter={[KIND_VIEWS.at(-1)?.id ?? '']}
          header={<NarrationPanel />}
        />
      </aside>
      <Drawer />
      <HelpOverlay />
    </div>
  );
}
