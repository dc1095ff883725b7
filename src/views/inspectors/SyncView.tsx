import { max, scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { useStore } from '../../store/index';
import { agentIds, loadSyncCosts } from '../../store/inspectors/actions';
import type { ModeCost } from '../../worker/protocol';
import { countOf, MESSAGES_MEANING } from '../run/counts';
import { engineSteps } from './traceScan';
import './inspectors.css';

const WHY: Record<string, string> = {
  crashed: 'was crashed',
  partitioned: 'was cut off by a partition',
  'no-answer': 'did not answer before the timeout',
  'no-ack': 'got the state but its acknowledgement never arrived',
};
const LOG_STEPS = [
  'full',
  'delta',
  'version-query',
  'request',
  'response',
  'conflict',
  'resolved',
  'broadcast',
  'stored',
  'applied',
  'deltaRequest',
  'versionCompared',
  'missed',
  'antiEntropy',
];

/** A sync run: who holds what at the cursor, who missed the update and why, the delta log, and the modes' cost. */
export function SyncView() {
  const summary = useStore((s) => s.summary);
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const costs = useStore((s) => s.syncCosts);
  const costsError = useStore((s) => s.syncCostsError);
  const result = summary?.runKind === 'sync' ? summary.result : undefined;
  const ids = useMemo(() => (trace ? agentIds() : []), [trace]);
  const steps = useMemo(
    () => (trace && result?.kind === 'sync' ? engineSteps(trace, LOG_STEPS, cursor) : []),
    [trace, cursor, result],
  );
  const finalSteps = useMemo(
    () => (trace && result?.kind === 'sync' ? engineSteps(trace, ['applied'], trace.length) : []),
    [trace, result],
  );
  if (!trace || !summary || result?.kind !== 'sync')
    return <p className="hint">Run a state-synchronisation scenario to see it here.</p>;
  const appliedNow = countBy(
    steps.filter((s) => s.name === 'applied'),
    ids.length,
  );
  const appliedEnd = countBy(finalSteps, ids.length);
  return (
    <div className="sync-view">
      <p>
        Mode <strong>{result.mode}</strong>: {result.ok ? 'every live agent is up to date' : 'some agents are behind'} (
        {result.upToDate}/{result.liveAgents}).
      </p>
      <p data-testid="sync-messages">
        <abbr title={MESSAGES_MEANING}>Messages</abbr>: {countOf(summary.messages, 'message')} in the run —{' '}
        {countOf(result.baseline.messages, 'message')} ({result.baseline.bytes.toLocaleString('en-US')} bytes) for the
        first full sync that sets the baseline, {countOf(result.messages, 'message')} (
        {result.bytes.toLocaleString('en-US')} bytes) for the {result.mode} sync after the changes
        {summary.messages !== result.baseline.messages + result.messages
          ? `, ${countOf(summary.messages - result.baseline.messages - result.messages, 'message')} for the writes and their broadcast`
          : ''}
        .
      </p>
      <div className="merge-grid">
        <div>
          <table className="strategy-compare" aria-label="Versions applied per agent">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Updates applied at the cursor</th>
                <th scope="col">By the end</th>
                <th scope="col">Missed</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id, i) => {
                const miss = result.missed.find((m) => m.agent === id);
                return (
                  <tr key={id}>
                    <th scope="row">{id}</th>
                    <td>{appliedNow[i]}</td>
                    <td>{appliedEnd[i]}</td>
                    <td>{miss ? `${WHY[miss.reason] ?? miss.reason}` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Sync log up to the cursor</h3>
          <ol className="delta-log" aria-label="Sync log">
            {steps.slice(-30).map((s) => (
              <li key={s.index}>
                {s.t} ms · {s.name} · {ids[s.agent] ?? ''}
                {s.peer >= 0 ? ` ↔ ${ids[s.peer]}` : ''} {JSON.stringify(s.detail)?.slice(0, 100)}
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => void loadSyncCosts()}>
            Measure all three modes
          </button>
          {costsError && <p className="field-error">{costsError}</p>}
          {costs && <CostChart costs={costs} />}
        </div>
      </div>
    </div>
  );
}

function countBy(steps: { agent: number }[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const s of steps) if (s.agent >= 0 && s.agent < n) out[s.agent]++;
  return out;
}

function CostChart({ costs }: { costs: ModeCost[] }) {
  const w = 360;
  const h = 150;
  const band = scaleBand()
    .domain(costs.map((c) => c.mode))
    .range([40, w - 10])
    .padding(0.25);
  const charts: { key: 'bytes' | 'messages'; label: string }[] = [
    { key: 'bytes', label: 'Bytes on the wire' },
    { key: 'messages', label: 'Messages' },
  ];
  return (
    <div className="button-row">
      {charts.map(({ key, label }) => {
        const y = scaleLinear()
          .domain([0, max(costs, (c) => c[key]) || 1])
          .range([h - 22, 14]);
        return (
          <svg
            key={key}
            width={w}
            height={h}
            role="img"
            aria-label={`${label} per mode: ${costs.map((c) => `${c.mode} ${c[key]}`).join(', ')}`}
          >
            <text x={4} y={11} fontSize={11}>
              {label}
            </text>
            <g className="bars">
              {costs.map((c) => (
                <g key={c.mode}>
                  <rect x={band(c.mode)} y={y(c[key])} width={band.bandwidth()} height={h - 22 - y(c[key])} />
                  <text x={(band(c.mode) ?? 0) + band.bandwidth() / 2} y={h - 8} fontSize={10} textAnchor="middle">
                    {c.mode}
                  </text>
                  <text
                    x={(band(c.mode) ?? 0) + band.bandwidth() / 2}
                    y={y(c[key]) - 2}
                    fontSize={10}
                    textAnchor="middle"
                  >
                    {c[key].toLocaleString('en-US')}
                  </text>
                </g>
              ))}
            </g>
          </svg>
        );
      })}
    </div>
  );
}
