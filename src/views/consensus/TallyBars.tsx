import { scaleLinear } from 'd3-scale';
import type { ThresholdModel } from '../../store/consensus/thresholds';
import type { Tally } from '../../store/consensus/voteTimeline';
import { fmt } from './useConsensusRun';

const WIDTH = 280;
const ROW = 22;
const LABEL = 62;
const ROWS = [
  { key: 'for', label: 'For', weightKey: 'weightFor', cls: 'tally-for' },
  { key: 'against', label: 'Against', weightKey: 'weightAgainst', cls: 'tally-against' },
  { key: 'abstain', label: 'Abstain', weightKey: 'weightAbstain', cls: 'tally-abstain' },
] as const;

/** Row names other than For / Against / Abstain (oral messages: Attack / Retreat); a row left out is not drawn. */
export type TallyLabels = Partial<Record<(typeof ROWS)[number]['key'], string>> & { unit?: string };

/** For / against / abstain filling against the threshold line (d3 scales, React SVG). */
export function TallyBars({ tally, model, labels }: { tally: Tally; model: ThresholdModel; labels?: TallyLabels }) {
  const x = scaleLinear()
    .domain([0, Math.max(model.total, 1e-9)])
    .range([LABEL, WIDTH - 40]);
  const rows = labels
    ? ROWS.flatMap((r) => (labels[r.key] ? [{ ...r, label: labels[r.key] as string }] : []))
    : [...ROWS];
  const value = (r: (typeof rows)[number]) => (model.unit === 'weight' ? tally[r.weightKey] : tally[r.key]);
  const height = rows.length * ROW + 18;
  const unit = labels?.unit ?? (model.unit === 'weight' ? 'weight' : 'votes');
  const label = `Tally: ${rows.map((r) => `${fmt(value(r))} ${r.label.toLowerCase()}`).join(', ')} of ${fmt(model.total)} ${unit}; approval needs ${model.strict ? 'more than' : 'at least'} ${fmt(model.approveAt)} ${rows[0].label.toLowerCase()}.`;
  return (
    <svg className="tally-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} data-testid="tally">
      <title>{label}</title>
      {rows.map((r, i) => (
        <g key={r.key} transform={`translate(0, ${i * ROW + 14})`}>
          <text x={0} y={ROW / 2} dy="0.35em" className="tally-label">
            {r.label}
          </text>
          <rect x={x(0)} y={2} width={x(model.total) - x(0)} height={ROW - 6} className="tally-track" />
          <rect x={x(0)} y={2} width={x(value(r)) - x(0)} height={ROW - 6} className={r.cls} />
          <text x={WIDTH - 36} y={ROW / 2} dy="0.35em" className="tally-count" data-testid={`tally-${r.key}`}>
            {fmt(value(r))}
          </text>
        </g>
      ))}
      <line
        className="threshold-line"
        x1={x(model.approveAt)}
        x2={x(model.approveAt)}
        y1={10}
        y2={ROW + 16}
        data-testid="threshold-line"
      />
      <text className="threshold-label" x={x(model.approveAt)} y={8} textAnchor="middle">
        {model.strict ? '>' : '≥'} {fmt(model.approveAt)}
      </text>
      {model.rejectAbove !== undefined && (
        <line
          className="threshold-line reject"
          x1={x(model.rejectAbove)}
          x2={x(model.rejectAbove)}
          y1={ROW + 12}
          y2={2 * ROW + 16}
        />
      )}
    </svg>
  );
}
