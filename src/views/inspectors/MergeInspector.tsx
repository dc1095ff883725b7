import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { issueWords, withFieldWords } from '../../store/fieldNames';
import { useStore } from '../../store/index';
import { editMerge, loadReplicas, pickSyncKey, resolveMerge } from '../../store/inspectors/actions';
import type { CrdtChoice, MergeStrategy, VersionDraft } from '../../store/inspectors/inspectorSlice';
import { type CellField, type MergeFrame, mergeFrames } from '../../store/inspectors/mergeFrames';
import type { ExplanationStep } from '../../worker/protocol';
import { ClockEntryRows } from './EventDetails';
import { MERGE_PRESETS } from './presets';
import { StrategyCompare } from './StrategyCompare';
import './inspectors.css';

const CRDT_CHOICES: CrdtChoice[] = ['auto', 'counter', 'pn-counter', 'set', 'or-set', 'map', 'register'];
const FIELDS: { field: CellField; key: keyof VersionDraft; label: string }[] = [
  { field: 'agentId', key: 'agentId', label: 'Agent' },
  { field: 'value', key: 'value', label: 'Value (JSON)' },
  { field: 'version', key: 'version', label: 'Version' },
  { field: 'timestamp', key: 'timestamp', label: 'Timestamp' },
  { field: 'clock', key: 'clock', label: 'Vector clock' },
];

interface Row {
  draft: VersionDraft;
  /** The agent whose replica this is, when it differs from the version's writer (sync runs). */
  holder?: string;
  /** Parsed version number, to match explanation cells that name a version. */
  version: number;
  again: boolean;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

/** Versions side by side, the resolver's explanation one step at a time, and the strategies compared. */
export function MergeInspector() {
  const s = useStore(
    useShallow((st) => ({
      mergeSource: st.mergeSource,
      mergeDrafts: st.mergeDrafts,
      mergeStrategy: st.mergeStrategy,
      mergeCrdt: st.mergeCrdt,
      mergeDuplicate: st.mergeDuplicate,
      mergeOutcome: st.mergeOutcome,
      mergeFrame: st.mergeFrame,
      replicaRows: st.replicaRows,
      replicaError: st.replicaError,
      replicaNote: st.replicaNote,
      syncKeys: st.syncKeys,
    })),
  );
  const source = s.mergeSource;
  const cursor = useStore((st) => st.cursor);
  const trace = useStore((st) => st.trace);
  // Resolve once on first show; the run's replicas follow the cursor.
  useEffect(() => {
    if (useStore.getState().mergeOutcome === null) void resolveMerge();
  }, []);
  useEffect(() => {
    if (source !== 'run') return;
    void cursor;
    void trace;
    const id = setTimeout(() => void loadReplicas(), 60);
    return () => clearTimeout(id);
  }, [source, cursor, trace]);

  const rows: Row[] = useMemo(() => {
    const fromRun = source === 'run' && s.replicaRows;
    const out: Row[] = fromRun
      ? (s.replicaRows ?? []).map((r) => ({
          draft: {
            agentId: r.version.agentId,
            value: r.valueRecorded === false ? '(not in the trace)' : show(r.version.value),
            version: String(r.version.version),
            timestamp: String(r.version.timestamp),
            clock: r.version.metadata?.vectorClock ? show(r.version.metadata.vectorClock) : '',
          },
          holder: s.syncKeys ? r.agentId : undefined,
          version: r.version.version,
          again: false,
        }))
      : s.mergeDrafts.map((draft) => ({ draft, version: Number(draft.version), again: false }));
    const first = out.find((r) => r.draft.agentId === 'agent-1');
    if (s.mergeDuplicate && first) out.push({ ...first, again: true });
    return out;
  }, [source, s.replicaRows, s.mergeDrafts, s.mergeDuplicate, s.syncKeys]);

  const outcome = s.mergeOutcome;
  const frames = useMemo(
    () => mergeFrames((outcome?.ok ? (outcome.result.metadata.explanation ?? []) : []) as ExplanationStep[]),
    [outcome],
  );
  const frameIndex = Math.min(s.mergeFrame, Math.max(0, frames.length - 1));
  const frame = frames[frameIndex];
  const issues = outcome && !outcome.ok ? outcome.issues : [];
  const issueAt = (i: number, key: string) =>
    issues.find(
      (x) =>
        x.field === `versions[${i}].${key}` ||
        x.field.startsWith(`conflicts[${i}].${key === 'clock' ? 'metadata' : key}`),
    );
  const setDraft = (i: number, key: keyof VersionDraft, value: string) =>
    void editMerge({ mergeDrafts: s.mergeDrafts.map((d, j) => (j === i ? { ...d, [key]: value } : d)) });

  return (
    <div className="merge-inspector">
      <div className="inspector-controls">
        <label>
          Versions from{' '}
          <select value={source} onChange={(e) => void editMerge({ mergeSource: e.target.value as 'hand' | 'run' })}>
            <option value="hand">typed by hand</option>
            <option value="run">this run's replicas at the cursor</option>
          </select>
        </label>
        {source === 'hand' &&
          MERGE_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() =>
                void editMerge({
                  mergeDrafts: p.drafts,
                  mergeStrategy: p.strategy,
                  mergeCrdt: p.crdt,
                  mergeStateKey: p.stateKey,
                  mergeDuplicate: false,
                })
              }
            >
              {p.label}
            </button>
          ))}
        <label>
          Strategy{' '}
          <select
            value={s.mergeStrategy}
            onChange={(e) => void editMerge({ mergeStrategy: e.target.value as MergeStrategy })}
          >
            <option value="lww">lww (last writer wins)</option>
            <option value="vector">vector (causality, then LWW)</option>
            <option value="crdt">crdt (merge)</option>
          </select>
        </label>
        {s.mergeStrategy === 'crdt' && (
          <label>
            CRDT type{' '}
            <select value={s.mergeCrdt} onChange={(e) => void editMerge({ mergeCrdt: e.target.value as CrdtChoice })}>
              {CRDT_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {c === 'auto' ? 'detect from the values' : c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input
            type="checkbox"
            checked={s.mergeDuplicate}
            onChange={(e) => void editMerge({ mergeDuplicate: e.target.checked })}
          />{' '}
          Deliver agent-1's update twice
        </label>
      </div>
      {source === 'run' && s.syncKeys && <SyncKeyPicker keys={s.syncKeys} />}
      {source === 'run' && s.replicaError && <p className="hint">{s.replicaError}</p>}
      {source === 'run' && s.replicaNote && (
        <p className="hint" data-testid="replica-note">
          {s.replicaNote}
        </p>
      )}
      <div className="merge-grid">
        <div>
          <VersionsTable rows={rows} frame={frame} editable={source === 'hand'} issueAt={issueAt} setDraft={setDraft} />
          {source === 'hand' && (
            <div className="button-row">
              <button
                type="button"
                onClick={() =>
                  void editMerge({
                    mergeDrafts: [
                      ...s.mergeDrafts,
                      {
                        agentId: `agent-${s.mergeDrafts.length + 1}`,
                        value: '0',
                        version: '1',
                        timestamp: '0',
                        clock: '',
                      },
                    ],
                  })
                }
              >
                Add a version
              </button>
              {s.mergeDrafts.length > 1 && (
                <button type="button" onClick={() => void editMerge({ mergeDrafts: s.mergeDrafts.slice(0, -1) })}>
                  Remove the last version
                </button>
              )}
            </div>
          )}
          {outcome && !outcome.ok && (
            <div className="error-box" role="alert">
              {withFieldWords(outcome.message)}
              <ul>
                {outcome.issues.map((x) => (
                  <li key={x.field}>{issueWords(x)}</li>
                ))}
              </ul>
            </div>
          )}
          <StepPanel frames={frames} index={frameIndex} />
        </div>
        <div>
          {outcome?.ok && (
            <section aria-label="Result">
              <h3>Result</h3>
              <p data-testid="merge-result">
                <strong>{show(outcome.result.value)}</strong> — {outcome.result.metadata.resolutionStrategy}
                {outcome.result.agentId !== 'coordinator' ? ` (from ${outcome.result.agentId})` : ' (merged)'}
              </p>
            </section>
          )}
          <Teaching />
          <StrategyCompare />
        </div>
      </div>
    </div>
  );
}

/** Options the key list offers at once (a run may have up to a million keys; any can be typed). */
const KEY_OPTIONS = 500;

/** A sync run's state key: typed or picked from the keys the run wrote; an unknown key is named next to the field. */
function SyncKeyPicker({ keys }: { keys: string[] }) {
  const id = useId();
  const current = useStore((st) => st.mergeStateKey);
  const [draft, setDraft] = useState(current);
  useEffect(() => setDraft(current), [current]);
  const known = useMemo(() => new Set(keys), [keys]);
  const bad = draft !== '' && !known.has(draft);
  return (
    <div className="inspector-controls sync-key">
      <label htmlFor={`${id}-key`}>State key</label>
      <input
        id={`${id}-key`}
        list={`${id}-keys`}
        value={draft}
        aria-invalid={bad || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setDraft(e.target.value);
          if (known.has(e.target.value)) void pickSyncKey(e.target.value);
        }}
      />
      <datalist id={`${id}-keys`}>
        {keys.slice(0, KEY_OPTIONS).map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <span id={`${id}-hint`} className={bad ? 'field-error' : 'hint'} role={bad ? 'alert' : undefined}>
        {bad
          ? `No agent wrote “${draft}” in this run (keys: ${keys[0]} … ${keys.at(-1)}).`
          : `${keys.length.toLocaleString('en-US')} keys; each agent's replica of this one at the cursor.`}
      </span>
    </div>
  );
}

function cellMatches(frame: MergeFrame | undefined, row: Row, field: CellField): boolean {
  return !!frame?.cells.some(
    (c) =>
      c.field === field && c.agentId === row.draft.agentId && (c.version === undefined || c.version === row.version),
  );
}

function VersionsTable(props: {
  rows: Row[];
  frame: MergeFrame | undefined;
  editable: boolean;
  issueAt: (i: number, key: string) => { message: string } | undefined;
  setDraft: (i: number, key: keyof VersionDraft, value: string) => void;
}) {
  const { rows, frame, editable, issueAt, setDraft } = props;
  const held = rows.some((r) => r.holder !== undefined);
  return (
    <table className="versions-table" aria-label="Versions">
      <thead>
        <tr>
          {held && <th scope="col">Replica of</th>}
          {FIELDS.map((f) => (
            <th key={f.field} scope="col">
              {f.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in an edited list; two may share an agent
          <tr key={i} className={row.again ? 'again' : undefined}>
            {held && (
              <th scope="row">
                {row.holder}
                {row.again ? ' (delivered again)' : ''}
              </th>
            )}
            {FIELDS.map((f) => {
              const compared = cellMatches(frame, row, f.field);
              const issue = row.again ? undefined : issueAt(i, f.key);
              return (
                <td key={f.field} className={compared ? 'compared' : undefined} data-compared={compared || undefined}>
                  {editable && !row.again ? (
                    <input
                      aria-label={`Version ${i + 1} ${f.label.toLowerCase()}`}
                      value={row.draft[f.key]}
                      aria-invalid={issue ? true : undefined}
                      title={issue?.message}
                      onChange={(e) => setDraft(i, f.key, e.target.value)}
                    />
                  ) : (
                    <span>
                      {row.draft[f.key]}
                      {row.again && f.field === 'agentId' ? ' (delivered again)' : ''}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StepPanel({ frames, index }: { frames: MergeFrame[]; index: number }) {
  const setFrame = useStore((s) => s.setMergeFrame);
  const frame = frames[index];
  if (!frame) return null;
  return (
    <section className="merge-step" aria-label="Explanation step">
      <div className="button-row">
        <button type="button" onClick={() => setFrame(0)} disabled={index === 0}>
          First step
        </button>
        <button type="button" onClick={() => setFrame(index - 1)} disabled={index === 0}>
          Previous step
        </button>
        <button type="button" onClick={() => setFrame(index + 1)} disabled={index >= frames.length - 1}>
          Next step
        </button>
        <button type="button" onClick={() => setFrame(frames.length - 1)} disabled={index >= frames.length - 1}>
          Last step
        </button>
      </div>
      <h3 aria-live="polite">
        Step {index + 1} of {frames.length}: {frame.title}
        {frame.verdict ? ` — ${frame.verdict}` : ''}
      </h3>
      <p className="reason" data-testid="merge-reason">
        {frame.reason}
      </p>
      {frame.entries && (
        <table className="strategy-compare clock-compare" aria-label="Clock entries compared">
          <tbody>
            <ClockEntryRows entries={frame.entries} />
          </tbody>
        </table>
      )}
      {frame.partial && (
        <p data-testid="merge-partial">
          {frame.partial.label}: <code>{show(frame.partial.value)}</code>
        </p>
      )}
    </section>
  );
}

function Teaching() {
  const compare = useStore((s) => s.mergeCompare);
  const duplicate = useStore((s) => s.mergeDuplicate);
  const crdt = compare?.crdt;
  const step = crdt?.ok
    ? (crdt.result.metadata.explanation as ExplanationStep[] | undefined)?.find((x) => x.step === 'counter-merge')
    : undefined;
  if (step?.step !== 'counter-merge') return null;
  return (
    <section className="teaching" aria-label="G-Counter versus naive sum">
      <p>
        {duplicate ? "agent-1's update arrived twice." : "Tick “Deliver agent-1's update twice” to see a duplicate."}
      </p>
      <p>
        G-Counter:{' '}
        <span className="big" data-testid="gcounter-value">
          {step.outcome.value}
        </span>{' '}
        · naive sum:{' '}
        <span className="big" data-testid="naive-sum">
          {step.comparison.naiveSum}
        </span>
      </p>
      <p className="hint">
        The G-Counter keeps each agent's largest count, so a repeated message changes nothing; summing every version
        received counts it again.
      </p>
    </section>
  );
}
