import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store/index';
import { agentIds, ensureLamport, lamportOf, setLogFilter } from '../../store/inspectors/actions';
import { kindChoices, logRow } from '../../store/inspectors/logRows';
import { exportTrace } from '../../store/inspectors/traceExport';
import './inspectors.css';
import { bisectLeft } from 'd3';

const ROW_PX = 24;
const VIEW_ROWS = 12;
const OVERSCAN = 6;
/** How often the log scrolls after the cursor while a run plays. */
const FOLLOW_WHILE_PLAYING_MS = 250;

/** A virtualised table of trace events; clicking a row moves the player's cursor there. */
export function MessageLog() {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const rows = useStore((s) => s.logRows);
  const filter = useStore((s) => s.logFilter);
  const progress = useStore((s) => s.logProgress);
  const [scrollTop, setScrollTop] = useState(0);
  const seenTop = useRef(0);
  const [, setLamportReady] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => (trace ? agentIds() : []), [trace]);
  const kinds = useMemo(() => kindChoices(trace), [trace]);
  // The same elements from render to render: React skips them, and a 5,000-agent list costs nothing per frame.
  const agentOptions = useMemo(
    () =>
      ids.map((id, i) => (
        <option key={id} value={i}>
          {id}
        </option>
      )),
    [ids],
  );
  const textId = useId();
  const count = rows ? rows.length : (trace?.length ?? 0);
  const rowAt = (k: number) => (rows ? rows[k] : k);

  useEffect(() => {
    if (trace) void ensureLamport(trace, () => setLamportReady((n) => n + 1));
    // A new trace keeps the filter the user chose.
    void setLogFilter({});
  }, [trace]);

  // Follow the cursor: keep its row in view when it moves from elsewhere (the player, the diagram).
  // Compared with the scroll position last seen, not el.scrollTop: reading layout on every frame of
  // a playback forced a synchronous layout of the whole page each time.
  // While the run plays, it follows a few times a second: setting scrollTop lays the page out at
  // once, and doing it every frame cost a 500-agent replay a third of its frames. When the player
  // stops, the cursor's row is brought into view.
  const playing = useStore((s) => s.playing);
  const followedAt = useRef(0);
  useEffect(() => {
    const el = scroller.current;
    if (!el || cursor < 0) return;
    const now = performance.now();
    if (playing && now - followedAt.current < FOLLOW_WHILE_PLAYING_MS) return;
    const k = rows ? lowerBound(rows, cursor) : cursor;
    const top = k * ROW_PX;
    const seen = seenTop.current;
    if (top < seen || top > seen + (VIEW_ROWS - 1) * ROW_PX) {
      followedAt.current = now;
      seenTop.current = Math.max(0, top - 3 * ROW_PX);
      el.scrollTop = seenTop.current;
    }
  }, [cursor, rows, playing]);

  if (!trace) return <p className="hint">Run a scenario to see its message log.</p>;
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(count, first + VIEW_ROWS + 2 * OVERSCAN);
  const lamport = lamportOf(trace);
  const visible = [];
  for (let k = first; k < last; k++) visible.push(logRow(trace, rowAt(k), ids, lamport));
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    e.stopPropagation();
    move(e.key === 'ArrowDown' ? 1 : -1);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>('tr.current button')?.focus());
  };
  const move = (delta: number) => {
    const k = Math.max(0, Math.min(count - 1, (rows ? lowerBound(rows, cursor) : cursor) + delta));
    if (count > 0) select(rowAt(k));
  };

  return (
    <div className="message-log">
      <div className="log-controls">
        <label>
          Agent{' '}
          <select value={filter.agent} onChange={(e) => void setLogFilter({ agent: Number(e.target.value) })}>
            <option value={-1}>All agents</option>
            {agentOptions}
          </select>
        </label>
        <label>
          Kind{' '}
          <select value={filter.kind} onChange={(e) => void setLogFilter({ kind: e.target.value })}>
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={textId}>Text</label>
        <input
          id={textId}
          type="search"
          placeholder="tag, agent, payload…"
          defaultValue={filter.text}
          onChange={(e) => void setLogFilter({ text: e.target.value })}
        />
        <span className="log-count" role="status" data-testid="log-count">
          {progress < 1
            ? `Filtering… ${Math.round(progress * 100)} %`
            : `${count.toLocaleString('en-US')} of ${trace.length.toLocaleString('en-US')} events`}
        </span>
        <button type="button" onClick={() => void exportTrace(trace, ids)}>
          Export trace as JSON
        </button>
      </div>
      <div
        ref={scroller}
        className="log-scroller"
        style={{ height: VIEW_ROWS * ROW_PX + 26 }}
        onScroll={(e) => {
          seenTop.current = e.currentTarget.scrollTop;
          setScrollTop(seenTop.current);
        }}
      >
        <table className="log-table" aria-label="Message log" aria-rowcount={count + 1}>
          <thead>
            <tr aria-rowindex={1} className="log-row log-head">
              {['#', 'Time (ms)', 'Kind', 'From', 'To', 'Payload', 'Clock'].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody style={{ height: count * ROW_PX }} onKeyDown={onKey}>
            {visible.map((r, j) => (
              <tr
                key={r.index}
                aria-rowindex={first + j + 2}
                aria-current={r.index === cursor ? 'step' : undefined}
                className={`log-row${r.index === cursor ? ' current' : ''}`}
                style={{ top: (first + j) * ROW_PX }}
              >
                <td>
                  <button
                    type="button"
                    className="row-button"
                    aria-label={`Move the cursor to event ${r.index}`}
                    onClick={() => select(r.index)}
                  >
                    {r.index}
                  </button>
                </td>
                <td>{r.t}</td>
                <td>{r.kind}</td>
                <td>{r.from}</td>
                <td>{r.to}</td>
                <td title={r.summary}>{r.summary}</td>
                <td>{r.clock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function select(index: number): void {
  const s = useStore.getState();
  s.setCursor(index);
  s.inspect(index);
}

/** First position in a sorted array whose value is ≥ x (the last one when none is). */
const lowerBound = (a: Int32Array, x: number): number => Math.min(bisectLeft(a, x), Math.max(0, a.length - 1));
