import { useStore } from '../../store/index';
import type { RunSummary } from '../../worker/protocol';
import './run.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The last run's summary: events, simulated duration, messages and the trace hash. */
export function RunSummaryPanel() {
  const summary = useStore((s) => s.summary);
  const previous = useStore((s) => s.staleRun?.summary ?? null);
  if (!summary && previous) {
    return (
      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <p className="previous-note" data-testid="summary-previous">
          From the previous swarm ({fmt(previous.aggregateAgents ?? previous.agents)} agents): the swarm has changed
          since. Press R or Rerun for this one.
        </p>
        <SummaryList summary={previous} previous />
      </section>
    );
  }
  if (!summary) {
    return (
      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <p className="hint">Run the scenario to see what happened.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <SummaryList summary={summary} previous={false} />
    </section>
  );
}

function SummaryList({ summary, previous }: { summary: RunSummary; previous: boolean }) {
  // The test ids name the current run only: a previous swarm's numbers are never read as this one's.
  const id = (name: string) => (previous ? undefined : name);
  return (
    <dl
      className={`summary${previous ? ' previous' : ''}`}
      data-testid={previous ? 'run-summary-previous' : 'run-summary'}
    >
      <dt>Run</dt>
      <dd>{summary.runKind}</dd>
      <dt>Seed</dt>
      <dd>{summary.seed}</dd>
      <dt>Agents</dt>
      <dd data-testid={id('summary-agents')}>{fmt(summary.aggregateAgents ?? summary.agents)}</dd>
      <dt>Events</dt>
      <dd data-testid={id('summary-events')}>{fmt(summary.events)}</dd>
      <dt>Messages</dt>
      <dd>{fmt(summary.messages)}</dd>
      <dt>Simulated time</dt>
      <dd data-testid={id('summary-duration')}>{fmt(summary.simulatedMs)} ms</dd>
      <dt>Trace hash</dt>
      <dd>
        <code data-testid={id('trace-hash')}>{summary.traceHash}</code>
      </dd>
    </dl>
  );
}
