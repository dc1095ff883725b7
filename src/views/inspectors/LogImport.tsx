import { useId, useState } from 'react';
import { useStore } from '../../store/index';
import { importLog } from '../../store/inspectors/actions';

const EXAMPLE = [
  '{"agent":"agent-1","clock":{"agent-1":1},"event":"write x"}',
  '{"agent":"agent-1","clock":{"agent-1":2},"event":"send to agent-2"}',
  '{"agent":"agent-2","clock":{"agent-1":2,"agent-2":1},"event":"receive from agent-1"}',
].join('\n');

/** Paste or open a clock log (JSON lines of { agent, clock, event }); problems are listed, the rest is drawn. */
export function LogImport() {
  const id = useId();
  const [text, setText] = useState(EXAMPLE);
  const imported = useStore((s) => s.importedLog);
  const problems = imported?.problems ?? [];
  return (
    <div className="log-import">
      <label htmlFor={id}>Clock log (JSON lines of {'{ agent, clock, event }'})</label>
      <textarea id={id} rows={4} cols={80} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <div className="button-row">
        <button type="button" onClick={() => void importLog(text)}>
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
              const body = await file.text();
              setText(body);
              await importLog(body);
            }}
          />
        </label>
      </div>
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
