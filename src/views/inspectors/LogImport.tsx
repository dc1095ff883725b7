import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/index';
import { checkShiViz, importLog, importShiViz } from '../../store/inspectors/actions';
import { DEFAULT_SHIVIZ_PARSER, MAX_LOG_CHARS } from '../../worker/protocol';
import { issueFor } from '../common/issues';

const EXAMPLE = [
  '{"agent":"agent-1","clock":{"agent-1":1},"event":"write x"}',
  '{"agent":"agent-1","clock":{"agent-1":2},"event":"send to agent-2"}',
  '{"agent":"agent-2","clock":{"agent-1":2,"agent-2":1},"event":"receive from agent-1"}',
].join('\n');

const SHIVIZ_EXAMPLE = [
  'write x',
  'agent-1 {"agent-1":1}',
  'send x to agent-2',
  'agent-1 {"agent-1":2}',
  'receive x from agent-1',
  'agent-2 {"agent-1":2,"agent-2":1}',
].join('\n');

type Format = 'jsonl' | 'shiviz';

/** Paste or open a clock log (JSON lines, or ShiViz's regex-described text); problems are listed, the rest is drawn. */
export function LogImport() {
  const id = useId();
  const [format, setFormat] = useState<Format>('jsonl');
  const [text, setText] = useState(EXAMPLE);
  const [shivizText, setShivizText] = useState(SHIVIZ_EXAMPLE);
  const [parser, setParser] = useState(DEFAULT_SHIVIZ_PARSER);
  const [delimiter, setDelimiter] = useState('');
  const s = useStore(
    useShallow((st) => ({ imported: st.importedLog, issues: st.logImportIssues, error: st.logImportError })),
  );
  const problems = s.imported?.problems ?? [];
  const body = format === 'jsonl' ? text : shivizText;
  const tooLong = body.length > MAX_LOG_CHARS;
  // A regex mistake shows next to its field while typing (checked in the worker, debounced).
  useEffect(() => {
    if (format !== 'shiviz') return;
    const t = setTimeout(() => void checkShiViz({ parser, delimiter }), 150);
    return () => clearTimeout(t);
  }, [format, parser, delimiter]);
  // Issues from the other format do not belong to this one's fields.
  useEffect(() => {
    void format;
    useStore.setState({ logImportIssues: [], logImportError: null });
  }, [format]);
  const draw = (next: string, execution?: number) => {
    if (next.length > MAX_LOG_CHARS) return;
    if (format === 'jsonl') void importLog(next);
    else void importShiViz(next, { parser, delimiter, execution });
  };
  const textIssue = tooLong
    ? `The log has ${body.length.toLocaleString('en-US')} characters; at most ${MAX_LOG_CHARS.toLocaleString('en-US')} can be read.`
    : issueFor(s.issues, 'text');
  const parserIssue = issueFor(s.issues, 'parser');
  const delimiterIssue = issueFor(s.issues, 'delimiter');
  const fieldless = s.error && !textIssue && !parserIssue && !delimiterIssue ? s.error : null;
  const executions = s.imported?.executions ?? [];
  return (
    <div className="log-import">
      <label>
        Log format{' '}
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          <option value="jsonl">JSON lines</option>
          <option value="shiviz">ShiViz text (regex)</option>
        </select>
      </label>
      {format === 'jsonl' ? (
        <label htmlFor={`${id}-text`}>Clock log (JSON lines of {'{ agent, clock, event }'})</label>
      ) : (
        <label htmlFor={`${id}-text`}>ShiViz log (text the parser regex reads)</label>
      )}
      <textarea
        id={`${id}-text`}
        rows={format === 'jsonl' ? 4 : 6}
        cols={80}
        value={body}
        aria-invalid={textIssue ? true : undefined}
        aria-describedby={textIssue ? `${id}-text-error` : undefined}
        onChange={(e) => (format === 'jsonl' ? setText(e.target.value) : setShivizText(e.target.value))}
        spellCheck={false}
      />
      {textIssue && (
        <p className="field-error" id={`${id}-text-error`} role="alert">
          {textIssue}
        </p>
      )}
      {format === 'shiviz' && (
        <div className="shiviz-fields">
          <RegexField
            label="Parser regex (named groups host, clock, event)"
            value={parser}
            onChange={setParser}
            issue={parserIssue}
          />
          <RegexField
            label="Execution delimiter regex (optional; a trace group names each execution)"
            value={delimiter}
            onChange={setDelimiter}
            issue={delimiterIssue}
          />
          <button type="button" onClick={() => setParser(DEFAULT_SHIVIZ_PARSER)}>
            Reset to ShiViz's default parser
          </button>
        </div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => draw(body)} disabled={tooLong}>
          Draw this log
        </button>
        <label>
          Open a log file{' '}
          <input
            type="file"
            accept=".log,.jsonl,.json,.txt"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const next = await file.text();
              if (format === 'jsonl') setText(next);
              else setShivizText(next);
              draw(next);
            }}
          />
        </label>
        {format === 'shiviz' && executions.length > 1 && (
          <label>
            Execution{' '}
            <select value={s.imported?.execution ?? 0} onChange={(e) => draw(body, Number(e.target.value))}>
              {executions.map((label, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: executions are positions in the log; labels may repeat
                <option key={i} value={i}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {fieldless && (
        <p className="field-error" role="alert">
          {fieldless}
        </p>
      )}
      {problems.length > 0 && (
        <section aria-label="Inconsistencies in the log">
          <h3>Inconsistencies ({problems.length})</h3>
          <ul className="problems" data-testid="log-problems">
            {problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function RegexField(props: { label: string; value: string; onChange: (v: string) => void; issue?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        className="regex"
        value={props.value}
        spellCheck={false}
        aria-invalid={props.issue ? true : undefined}
        aria-describedby={props.issue ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.issue && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {props.issue}
        </p>
      )}
    </div>
  );
}
