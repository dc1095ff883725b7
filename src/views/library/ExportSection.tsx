import { useId } from 'react';
import { useStore } from '../../store/index';
import {
  exportScenarioFile,
  exportTopologyPng,
  exportTopologySvg,
  exportTraceFile,
} from '../../store/sharing/exportFiles';
import { AreaMessage } from './ProblemBox';

/** Downloads: the scenario file, the last run's trace, the swarm as a picture. */
export function ExportSection() {
  const id = useId();
  const hasTrace = useStore((s) => s.trace !== null);
  return (
    <section aria-labelledby={`${id}-title`} className="library-section">
      <h3 id={`${id}-title`}>Export</h3>
      <div className="button-row wrap">
        <button type="button" onClick={exportScenarioFile}>
          Scenario JSON
        </button>
        <button type="button" onClick={exportTraceFile} disabled={!hasTrace} title={hasTrace ? undefined : 'Run first'}>
          Trace JSON
        </button>
        <button type="button" onClick={exportTopologySvg}>
          Topology SVG
        </button>
        <button type="button" onClick={() => void exportTopologyPng()}>
          Topology PNG
        </button>
      </div>
      <p className="hint">
        Pictures show the stage at the player’s moment — glyphs, labels, messages in flight and the legend — at least
        1,200 px wide.
      </p>
      <AreaMessage area="export" />
    </section>
  );
}
