import { max, scaleBand, scaleLinear } from 'd3';
import { useMemo } from 'react';
import { useStore } from '../../store/index';
import { agentIds } from '../../store/inspectors/actions';
import { crashedAt } from '../../store/traceIndex';
import { engineSteps } from './traceScan';
import './inspectors.css';

const QUEUE_STEPS = ['taskAssigned', 'taskFinished', 'taskReassigned', 'taskLost'];

/** Queue length per agent after each step, up to the cursor. */
function queuesAt(steps: ReturnType<typeof engineSteps>, n: number): number[] {
  const q = new Array<number>(n).fill(0);
  for (const s of steps) {
    if (s.name === 'taskAssigned') q[s.agent]++;
    else if (s.name === 'taskFinished' || s.name === 'taskLost') q[s.agent] = Math.max(0, q[s.agent] - 1);
    else if (s.name === 'taskReassigned') {
      q[s.agent]++;
      if (s.peer >= 0) q[s.peer] = Math.max(0, q[s.peer] - 1);
    }
  }
  return q;
}

/** A delegation run: every agent's queue at the cursor, reassignments after a crash, and the imbalance. */
export function DelegationView() {
  const summary = useStore((s) => s.summary);
  const trace = useStore((s) => s.trace);
  const traceIndex = useStore((s) => s.traceIndex);
  const cursor = useStore((s) => s.cursor);
  const result = summary?.runKind === 'delegation' ? summary.result : undefined;
  const ids = useMemo(() => (trace ? agentIds() : []), [trace]);
  const steps = useMemo(
    () => (trace && result?.kind === 'delegation' ? engineSteps(trace, QUEUE_STEPS, cursor) : []),
    [trace, cursor, result],
  );
  if (!trace || result?.kind !== 'delegation')
    return <p className="hint">Run a task-delegation scenario to see it here.</p>;
  const queues = queuesAt(steps, ids.length);
  const crashed = traceIndex ? crashedAt(traceIndex, cursor) : [];
  const reassigned = steps.filter((s) => s.name === 'taskReassigned');
  const w = Math.max(320, Math.min(900, ids.length * 28 + 50));
  const h = 150;
  const x = scaleBand()
    .domain(ids)
    .range([36, w - 6])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(queues) ?? 1)])
    .range([h - 20, 10]);
  return (
    <div className="delegation-view">
      <p>
        Strategy <strong>{result.strategy}</strong>: {result.completed}/{result.tasks} tasks done, {result.tasksLost}{' '}
        lost, makespan {result.makespanMs} ms, imbalance (max/mean busy time){' '}
        <strong>{result.imbalance.toFixed(2)}</strong>, {result.reassignments} reassignments. {result.duplicateResults}{' '}
        {result.duplicateResults === 1 ? 'task' : 'tasks'} finished twice (counted once); {result.resultRetransmissions}{' '}
        re-sent copies of results ignored.
      </p>
      <svg
        width={w}
        height={h}
        role="img"
        aria-label={`Queue length per agent at the cursor: ${ids.map((id, i) => `${id} ${queues[i]}`).join(', ')}`}
      >
        <g className="bars">
          {ids.map((id, i) => (
            <g key={id}>
              <rect
                className={crashed[i] ? 'crashed' : undefined}
                x={x(id)}
                y={y(queues[i])}
                width={x.bandwidth()}
                height={h - 20 - y(queues[i])}
              />
              {ids.length <= 30 && (
                <text x={(x(id) ?? 0) + x.bandwidth() / 2} y={h - 6} fontSize={9} textAnchor="middle">
                  {id.replace('agent-', '')}
                </text>
              )}
            </g>
          ))}
        </g>
        <text x={2} y={12} fontSize={10}>
          queue
        </text>
      </svg>
      <h3>Reassignments up to the cursor ({reassigned.length})</h3>
      <ul aria-label="Reassignments">
        {reassigned.slice(-20).map((s) => (
          <li key={s.index}>
            {s.t} ms: {(s.detail as { task?: string })?.task} moved from {ids[s.peer]} (declared down) to {ids[s.agent]}
          </li>
        ))}
      </ul>
    </div>
  );
}
