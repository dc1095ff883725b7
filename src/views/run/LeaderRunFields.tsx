import { useId } from 'react';
import {
  blockOf,
  LEADER_DEFAULTS,
  readSchedule,
  withBlockField,
  withSchedule,
} from '../../store/consensus/leaderRunDraft';
import { useStore } from '../../store/index';
import type { ScenarioDraft } from '../../store/scenarioSlice';
import { issueFor } from '../common/issues';
import { NumberField } from '../common/NumberField';
import './leaderFields.css';

type Run = ScenarioDraft['run'];

/** The run block and an edit of it, as one undoable step. */
function useRunEdit() {
  const run = useStore((s) => s.scenario.run);
  const issues = useStore((s) => s.issues);
  const edit = useStore((s) => s.edit);
  const change = (f: (run: Run) => Run) => edit('Change run parameters', (s) => ({ ...s, run: f(s.run) }));
  const number = (key: string, label: string, fallback: number, min = 1, max?: number) => (
    <NumberField
      label={label}
      value={typeof run[key] === 'number' ? (run[key] as number) : fallback}
      min={min}
      max={max}
      integer
      error={issueFor(issues, `run.${key}`)}
      onChange={(v) => change((r) => ({ ...r, [key]: v }))}
    />
  );
  return { run, issues, change, number };
}

/** How many client commands, when the first goes out and the time between them. */
function CommandFields({ what }: { what: 'commands' | 'requests' }) {
  const { run, issues, change } = useRunEdit();
  const s = readSchedule(run);
  const error = issueFor(issues, 'run.commands');
  return (
    <fieldset className="run-fieldset">
      <legend>Client {what}</legend>
      <NumberField
        label={`Client ${what}`}
        value={s.count}
        min={0}
        max={10_000}
        integer
        error={error}
        onChange={(count) => change((r) => withSchedule(r, { count }))}
      />
      <NumberField
        label="First one at (ms)"
        value={s.firstAtMs}
        min={0}
        integer
        onChange={(firstAtMs) => change((r) => withSchedule(r, { firstAtMs }))}
      />
      <NumberField
        label={`Time between ${what} (ms)`}
        value={s.intervalMs}
        min={0}
        integer
        onChange={(intervalMs) => change((r) => withSchedule(r, { intervalMs }))}
      />
    </fieldset>
  );
}

/** Crashes and partitions drawn from the seed, and the nemesis that cuts a leader off as it takes a command. */
function RandomFaultFields({ leader }: { leader: string }) {
  const { run, issues, change } = useRunEdit();
  const block = blockOf(run, 'randomFaults');
  const defaults = LEADER_DEFAULTS.randomFaults;
  const set = (field: string, fallback: number) => (value: number) =>
    change((r) => withBlockField(r, 'randomFaults', field, value === fallback ? undefined : value));
  const value = (field: keyof typeof defaults) =>
    typeof block[field] === 'number' ? (block[field] as number) : defaults[field];
  return (
    <fieldset className="run-fieldset">
      <legend>Faults drawn from the seed</legend>
      <NumberField
        label="Random crashes"
        value={value('crashes')}
        min={0}
        max={1000}
        integer
        error={issueFor(issues, 'run.randomFaults.crashes')}
        onChange={set('crashes', 0)}
      />
      <NumberField
        label="Random partitions"
        value={value('partitions')}
        min={0}
        max={1000}
        integer
        error={issueFor(issues, 'run.randomFaults.partitions')}
        onChange={set('partitions', 0)}
      />
      <NumberField
        label={`Chance the ${leader} is cut off as it takes a command`}
        value={value('isolateLeaderProbability')}
        min={0}
        max={1}
        step={0.1}
        error={issueFor(issues, 'run.randomFaults.isolateLeaderProbability')}
        onChange={set('isolateLeaderProbability', 0)}
      />
      <NumberField
        label="Faults stop and heal at (ms)"
        value={value('untilMs')}
        min={1}
        integer
        error={issueFor(issues, 'run.randomFaults.untilMs')}
        onChange={set('untilMs', defaults.untilMs)}
      />
    </fieldset>
  );
}

/** A teaching switch: a rule broken on purpose, off by default and marked as such. */
function TeachingSwitch({
  label,
  checked,
  error,
  onChange,
}: {
  label: string;
  checked: boolean;
  error?: string;
  onChange: (on: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="teaching-switch">
      <label className="check-field" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        Teaching switch: {label}
      </label>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function RaftFields() {
  const { run, issues, change, number } = useRunEdit();
  const agents = useStore((s) => s.topology?.agents);
  const d = LEADER_DEFAULTS.raft;
  const teaching = blockOf(run, 'teaching');
  const toggle = (field: string) => (on: boolean) =>
    change((r) => withBlockField(r, 'teaching', field, on ? true : undefined));
  const voter = typeof teaching.doubleVoter === 'string' ? teaching.doubleVoter : null;
  return (
    <>
      <p className="hint">Every agent of the swarm is a Raft server.</p>
      <CommandFields what="commands" />
      {number('electionTimeoutMsMin', 'Election timeout min (ms)', d.electionTimeoutMsMin, 2)}
      {number('electionTimeoutMsMax', 'Election timeout max (ms)', d.electionTimeoutMsMax)}
      {number('heartbeatMs', 'Heartbeat (ms)', d.heartbeatMs)}
      {number('durationMs', 'Run for (ms)', d.durationMs)}
      <RandomFaultFields leader="leader" />
      <fieldset className="run-fieldset teaching">
        <legend>Rules to break (off: Raft as specified)</legend>
        <TeachingSwitch
          label="grant votes without the up-to-date log check"
          checked={teaching.skipUpToDateCheck === true}
          error={issueFor(issues, 'run.teaching.skipUpToDateCheck')}
          onChange={toggle('skipUpToDateCheck')}
        />
        <TeachingSwitch
          label="commit earlier terms’ entries by counting replicas (Figure 8)"
          checked={teaching.commitPreviousTermsByCounting === true}
          error={issueFor(issues, 'run.teaching.commitPreviousTermsByCounting')}
          onChange={toggle('commitPreviousTermsByCounting')}
        />
        <TeachingSwitch
          label={`a server votes twice in a term${voter ? ` (${voter})` : ''}`}
          checked={voter !== null}
          error={issueFor(issues, 'run.teaching.doubleVoter')}
          onChange={(on) =>
            change((r) => withBlockField(r, 'teaching', 'doubleVoter', on ? (agents?.[0]?.id ?? 'agent-1') : undefined))
          }
        />
      </fieldset>
    </>
  );
}

export function PbftFields() {
  const { run, issues, change, number } = useRunEdit();
  const n = useStore((s) => s.topology?.agents.length ?? 0);
  const d = LEADER_DEFAULTS.pbft;
  const teaching = blockOf(run, 'teaching');
  const largest = Math.max(0, Math.floor((n - 1) / 3));
  const f = typeof run.faultTolerance === 'number' ? run.faultTolerance : largest;
  return (
    <>
      <NumberField
        label="Fault tolerance f"
        value={f}
        min={0}
        integer
        error={issueFor(issues, 'run.faultTolerance')}
        onChange={(v) => change((r) => ({ ...r, faultTolerance: v }))}
      />
      <p className="hint" data-testid="pbft-f-hint">
        {n} replicas tolerate up to f = {largest} malicious ones (n ≥ 3f + 1); a request commits with quorums of{' '}
        {teaching.weakQuorums === true ? `f + 1 = ${f + 1}` : `⌈(n + f + 1) / 2⌉ = ${Math.ceil((n + f + 1) / 2)}`}.
      </p>
      <CommandFields what="requests" />
      {number('viewChangeTimeoutMs', 'View change timeout (ms)', d.viewChangeTimeoutMs)}
      {number('durationMs', 'Run for (ms)', d.durationMs)}
      <RandomFaultFields leader="primary" />
      <fieldset className="run-fieldset teaching">
        <legend>Rules to break (off: PBFT as specified)</legend>
        <TeachingSwitch
          label="quorums of f + 1 instead of 2f + 1"
          checked={teaching.weakQuorums === true}
          error={issueFor(issues, 'run.teaching.weakQuorums')}
          onChange={(on) => change((r) => withBlockField(r, 'teaching', 'weakQuorums', on ? true : undefined))}
        />
      </fieldset>
    </>
  );
}
