import { setFaults } from '../../store/editing';
import { useStore } from '../../store/index';
import { issueFor } from '../common/issues';
import { NumberField } from '../common/NumberField';
import { FaultScheduler } from './FaultScheduler';

type FaultDraft = { kind: string; atMs: number; agent?: string; groups?: string[][]; from?: string[]; to?: string[] };

const describeFault = (f: FaultDraft) =>
  f.kind === 'partition'
    ? `cut off ${f.groups?.map((g) => g.join(', ')).join(' | ')}`
    : f.kind === 'one-way'
      ? `one-way cut ${f.from?.join(', ')} → ${f.to?.join(', ')}`
      : f.kind === 'heal'
        ? 'heal every partition'
        : `${f.kind} ${f.agent}`;

/** Latency, loss, duplication and reordering, and the schedule of partitions, crashes and heals. */
export function NetworkPanel() {
  const network = useStore((s) => s.scenario.network) as Record<string, number> & { faults?: FaultDraft[] };
  const issues = useStore((s) => s.issues);
  const edit = useStore((s) => s.edit);
  const faults = network.faults ?? [];
  const set = (key: string, label: string) => (value: number) =>
    edit(label, (s) => ({ ...s, network: { ...s.network, [key]: value } }));
  const err = (key: string) => issueFor(issues, `network.${key}`);
  return (
    <section className="panel" aria-labelledby="network-title">
      <h2 id="network-title">Network</h2>
      <div className="field-pair">
        <NumberField
          label="Latency min (ms)"
          value={network.latencyMsMin ?? 10}
          min={0}
          integer
          error={err('latencyMsMin')}
          onChange={set('latencyMsMin', 'Change latency')}
        />
        <NumberField
          label="Latency max (ms)"
          value={network.latencyMsMax ?? 50}
          min={0}
          integer
          error={err('latencyMsMax')}
          onChange={set('latencyMsMax', 'Change latency')}
        />
      </div>
      <div className="field-pair">
        <NumberField
          label="Loss"
          value={network.lossProbability ?? 0}
          min={0}
          max={1}
          step={0.01}
          error={err('lossProbability')}
          onChange={set('lossProbability', 'Change loss')}
        />
        <NumberField
          label="Duplication"
          value={network.duplicationProbability ?? 0}
          min={0}
          max={1}
          step={0.01}
          error={err('duplicationProbability')}
          onChange={set('duplicationProbability', 'Change duplication')}
        />
      </div>
      <NumberField
        label="Reordering"
        value={network.reorderProbability ?? 0}
        min={0}
        max={1}
        step={0.01}
        error={err('reorderProbability')}
        onChange={set('reorderProbability', 'Change reordering')}
      />
      <h3>Faults</h3>
      {faults.length === 0 ? (
        <p className="hint">No faults scheduled.</p>
      ) : (
        <ol className="fault-list" aria-label="Scheduled faults">
          {faults.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: faults have no identity; the list is replaced whole on every edit.
            <li key={i}>
              <span>
                t = {f.atMs} ms: {describeFault(f)}
              </span>
              <button
                type="button"
                className="small"
                aria-label={`Remove fault ${i + 1}: ${describeFault(f)}`}
                onClick={() =>
                  setFaults(
                    faults.filter((_, j) => j !== i),
                    'Remove fault',
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      {err('faults') && (
        <p className="field-error" role="alert">
          {err('faults')}
        </p>
      )}
      <FaultScheduler />
    </section>
  );
}
