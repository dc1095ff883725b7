import { useStore } from '../../store/index';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The last run's summary: events, simulated duration, messages and the trace hash. */
export function RunSummaryPanel() {
  const summary = useStore((s) => s.summary);
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
      <dl className="summary" data-testid="run-summary">
        <dt>Run</dt>
        <dd>{summary.runKind}</dd>
        <dt>Seed</dt>
        <dd>{summary.seed}</dd>
        <dt>Agents</dt>
        <dd>{fmt(summary.aggregateAgents ?? summary.agents)}</dd>
        <dt>Events</dt>
        <dd data-testid="summary-events">{fmt(summary.events)}</dd>
        <dt>Messages</dt>
        <dd>{fmt(summary.messages)}</dd>
        <dt>Simulated time</dt>
        <dd data-testid="summary-duration">{fmt(summary.simulatedMs)} ms</dd>
        <dt>Trace hash</dt>
        <dd>
          <code data-testid="trace-hash">{summary.traceHash}</code>
        </dd>
      </dl>
    </section>
  );
}
