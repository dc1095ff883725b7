import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { SpreadPoint, SpreadSeries } from '../../store/consensus/spreadSeries';

const W = 300;
const H = 190;
const M = { top: 12, right: 12, bottom: 30, left: 40 };

/**
 * Observed share per round against the mean-field expectation, with the
 * player's current round marked. d3 computes the scales and paths; React draws.
 */
export function SpreadChart({
  series,
  round,
  xLabel = 'round',
}: {
  series: SpreadSeries;
  round: number;
  /** What a step of the x axis is: a round, or a hop of a flood. */
  xLabel?: string;
}) {
  const maxRound = Math.max(1, series.observed.length - 1, series.expected.length - 1);
  const x = scaleLinear()
    .domain([0, maxRound])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([series.kind === 'gossip' ? Math.min(0.5, ...series.observed.map((p) => p.value)) : 0, 1])
    .range([H - M.bottom, M.top]);
  const path = line<SpreadPoint>()
    .x((p) => x(p.round))
    .y((p) => y(p.value));
  const current = series.observed[Math.min(round, series.observed.length - 1)];
  const expected = series.expected.length > 0 ? '; dashed line: mean-field expectation' : '';
  const label = `${series.title}: ${series.observed.length - 1} ${xLabel}s observed, ending at ${(
    (series.observed.at(-1)?.value ?? 0) * 100
  ).toFixed(1)} %${expected}. Current ${xLabel} ${round}.`;
  return (
    <svg className="spread-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="spread-chart">
      <title>{label}</title>
      <g className="axis">
        {y.ticks(5).map((t) => (
          <g key={t} transform={`translate(0, ${y(t)})`}>
            <line x1={M.left} x2={W - M.right} className="grid" />
            <text x={M.left - 4} dy="0.32em" textAnchor="end">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {x.ticks(Math.min(maxRound, 8)).map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 14} textAnchor="middle">
            {t}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle" className="axis-title">
          {xLabel}
        </text>
      </g>
      {series.target !== undefined && (
        <line className="target-line" x1={M.left} x2={W - M.right} y1={y(series.target)} y2={y(series.target)} />
      )}
      <path d={path(series.expected) ?? ''} className="expected-line" />
      <path d={path(series.observed) ?? ''} className="observed-line" />
      {series.observed.map((p) => (
        <circle
          key={p.round}
          cx={x(p.round)}
          cy={y(p.value)}
          r={p.round === current?.round ? 4.5 : 2.5}
          className={p.round === current?.round ? 'observed-dot current' : 'observed-dot'}
        />
      ))}
      <line
        className="round-marker"
        x1={x(round)}
        x2={x(round)}
        y1={M.top}
        y2={H - M.bottom}
        data-testid="round-marker"
      />
    </svg>
  );
}
