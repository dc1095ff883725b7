import { draftGenerals, draftOralM } from '../../store/consensus/oralMessages';
import { useStore } from '../../store/index';
import { presetOf, RUN_PRESETS } from '../../worker/protocol';
import { issueFor } from '../common/issues';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { PbftFields, RaftFields } from './LeaderRunFields';

type RunDraft = Record<string, unknown> & { kind: string };

/** Issues shown next to a field of the form (a run parameter, a Raft or PBFT block's field, a command). */
const NEXT_TO_A_FIELD = /^run\.([a-zA-Z]+$|teaching\.|randomFaults\.|commands\b)/;

/** The form's menu: every run kind's presets, from the run-kind catalogue. */
const CHOICES = RUN_PRESETS.map((p) => ({ value: p.id, label: p.label }));
const PRESETS = new Map(RUN_PRESETS.map((p) => [p.id, p.run]));

/** Chooses what to run and edits its parameters; problems show next to the field they concern. */
export function RunKindForm() {
  const run = useStore((s) => s.scenario.run) as RunDraft;
  const issues = useStore((s) => s.issues);
  const edit = useStore((s) => s.edit);
  const set = (key: string) => (value: unknown) =>
    edit('Change run parameters', (s) => ({ ...s, run: { ...s.run, [key]: value } }));
  const num = (
    key: string,
    label: string,
    opts: { min?: number; max?: number; step?: number; integer?: boolean; fallback: number },
  ) => (
    <NumberField
      label={label}
      value={typeof run[key] === 'number' ? (run[key] as number) : opts.fallback}
      min={opts.min}
      max={opts.max}
      step={opts.step}
      integer={opts.integer}
      error={issueFor(issues, `run.${key}`)}
      onChange={set(key)}
    />
  );
  const choice = presetOf(run);
  return (
    <div className="run-form">
      <SelectField
        label="What to run"
        value={choice}
        options={CHOICES}
        onChange={(c) => edit('Choose run', (s) => ({ ...s, run: { ...(PRESETS.get(c) ?? s.run) } }))}
      />
      {choice === 'quorum' && (
        <SelectField
          label="Quorum"
          value={String(run.mode ?? 'simple')}
          options={[
            { value: 'simple', label: 'Simple majority (> 50 %)' },
            { value: 'supermajority', label: 'Supermajority (≥ 2/3)' },
            { value: 'unanimous', label: 'Unanimous' },
          ]}
          onChange={set('mode')}
        />
      )}
      {choice === 'weighted' &&
        num('threshold', 'Threshold (share of weight)', { min: 0, max: 1, step: 0.05, fallback: 0.6 })}
      {choice === 'byzantine' && (
        <>
          {num('faultTolerance', 'Fault tolerance f', { min: 0, integer: true, fallback: 1 })}
          {num('numRounds', 'Rounds', { min: 1, integer: true, fallback: 3 })}
        </>
      )}
      {choice === 'oral-messages' && <OralMField />}
      {choice === 'gossip' && (
        <>
          {num('fanout', 'Fanout', { min: 1, integer: true, fallback: 3 })}
          {num('rounds', 'Rounds', { min: 1, integer: true, fallback: 5 })}
          {num('convergenceThreshold', 'Convergence threshold', { min: 0, max: 1, step: 0.01, fallback: 0.95 })}
          {num('threshold', 'Approval threshold', { min: 0, max: 1, step: 0.01, fallback: 0.66 })}
        </>
      )}
      {choice === 'rumor' && (
        <>
          <SelectField
            label="Mode"
            value={String(run.mode)}
            options={['push', 'pull', 'push-pull'] as const}
            onChange={set('mode')}
          />
          {num('fanout', 'Fanout', { min: 1, integer: true, fallback: 1 })}
          <NumberField
            label="Aggregate agents (no topology; blank = the swarm)"
            value={typeof run.agentCount === 'number' ? run.agentCount : 0}
            min={0}
            max={2_000_000}
            integer
            error={issueFor(issues, 'run.agentCount')}
            onChange={(n) =>
              edit('Change run parameters', (s) => {
                const { agentCount: _old, ...rest } = s.run;
                return { ...s, run: n > 0 ? { ...rest, agentCount: n } : rest } as typeof s;
              })
            }
          />
        </>
      )}
      {choice === 'replicated-state' && (
        <>
          <SelectField
            label="CRDT type"
            value={String(run.crdtType)}
            options={['counter', 'pn-counter', 'set', 'or-set', 'map', 'register'] as const}
            onChange={set('crdtType')}
          />
          {num('operations', 'Operations', { min: 0, integer: true, fallback: 40 })}
        </>
      )}
      {choice === 'sync' && (
        <>
          <SelectField
            label="Mode"
            value={String(run.mode)}
            options={['full', 'delta', 'version-query'] as const}
            onChange={set('mode')}
          />
          {num('keys', 'Keys', { min: 1, integer: true, fallback: 100 })}
          {num('changedKeys', 'Changed keys', { min: 0, integer: true, fallback: 10 })}
        </>
      )}
      {choice === 'delegation' && (
        <>
          <SelectField
            label="Strategy"
            value={String(run.strategy)}
            options={['round-robin', 'least-loaded', 'capability', 'weighted', 'consistent-hash'] as const}
            onChange={set('strategy')}
          />
          {num('tasks', 'Tasks', { min: 1, integer: true, fallback: 100 })}
        </>
      )}
      {choice === 'raft' && <RaftFields />}
      {choice === 'pbft' && <PbftFields />}
      {issueFor(issues, 'run') && !issues.some((i) => NEXT_TO_A_FIELD.test(i.field) && i.field !== 'run.kind') && (
        <p className="field-error" role="alert">
          {issueFor(issues, 'run')}
        </p>
      )}
    </div>
  );
}

/**
 * OM(m)'s relay rounds. Left out of the file, m follows the swarm (⌊(n − 1) / 3⌋);
 * setting it writes run.m and drops the older numRounds (m + 1), so the two never disagree.
 */
function OralMField() {
  const draft = useStore((s) => s.scenario);
  const built = useStore((s) => s.topology?.agents.length);
  const issues = useStore((s) => s.issues);
  const edit = useStore((s) => s.edit);
  const n = draftGenerals(draft, built);
  const { m, isDefault } = draftOralM(draft, n);
  const error = issueFor(issues, 'run.m') ?? issueFor(issues, 'run.numRounds');
  return (
    <>
      <NumberField
        label="Relay rounds m"
        value={m}
        min={0}
        integer
        error={error}
        onChange={(value) =>
          edit('Change run parameters', (s) => {
            const { numRounds: _old, ...rest } = s.run;
            return { ...s, run: { ...rest, m: value } };
          })
        }
      />
      <p className="hint" data-testid="om-m-hint">
        OM({m}) among {n} generals{isDefault ? ` (the default ⌊(n − 1) / 3⌋ = ${m})` : ''}: it withstands m traitors
        when n &gt; 3m, and m can be at most n − 2.
      </p>
    </>
  );
}
