import { useStore } from '../../store/index';
import type { RunSummary } from '../../worker/protocol';
import { MESSAGES_MEANING } from './counts';
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
  const item = (term: React.ReactNode, value: React.ReactNode, testId?: string, wide = false) => (
    <div className={wide ? 'wide' : undefined}>
      <dt>{term}</dt>
      <dd data-testid={testId ? id(testId) : undefined}>{value}</dd>
    </div>
  );
  return (
    <dl
      className={`summary${previous ? ' previous' : ''}`}
      data-testid={previous ? 'run-summary-previous' : 'run-summary'}
    >
      {item('Run', summary.runKind)}
      {item('Seed', summary.seed)}
      {item('Agents', fmt(summary.aggregateAgents ?? summary.agents), 'summary-agents')}
      {item('Events', fmt(summary.events), 'summary-events')}
      {item(<abbr title={MESSAGES_MEANING}>Messages</abbr>, fmt(summary.messages), 'summary-messages')}
      {item('Simulated time', `${fmt(summary.simulatedMs)} ms`, 'summary-duration')}
      {item('Trace hash', <code data-testid={id('trace-hash')}>{summary.traceHash}</code>, undefined, true)}
    </dl>
  );
}
