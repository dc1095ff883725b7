import {
  removeSelected,
  setAgentFields,
  toggleCrashSelected,
  toggleLinkSelected,
  toggleMaliciousSelected,
} from '../../store/editing';
import { useStore } from '../../store/index';
import { type Behaviour, behaviourInRun, type VoteType, type VotingPolicy } from '../../worker/protocol';
import { issueFor } from '../common/issues';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

const BEHAVIOURS: { value: Behaviour; label: string }[] = [
  { value: 'honest', label: 'Honest' },
  { value: 'equivocate', label: 'Malicious: equivocate (different votes to different peers)' },
  { value: 'flip', label: 'Malicious: flip (sends the opposite of its vote)' },
  { value: 'silent', label: 'Malicious: silent (sends nothing)' },
  { value: 'random', label: 'Malicious: random (random vote per message)' },
  { value: 'lie-in-relay', label: "Malicious: lie in relay (forges others' messages)" },
  { value: 'stubborn', label: 'Malicious: stubborn (never changes its mind)' },
];
const VOTES: VoteType[] = ['for', 'against', 'abstain'];
// A stable empty list: a selector returning a fresh [] would re-render forever.
const NO_FAULTS: never[] = [];

/** The selected agent(s): their fields, behaviour, voting policy, and the actions on them. */
export function AgentInspector() {
  const selected = useStore((s) => s.selected);
  const topology = useStore((s) => s.topology);
  const issues = useStore((s) => s.issues);
  const faults =
    useStore((s) => s.scenario.network.faults as { kind: string; agent?: string; atMs: number }[] | undefined) ??
    NO_FAULTS;
  if (!topology || selected.length === 0) {
    return (
      <p className="hint">
        Select an agent: click it, or press <kbd>N</kbd> / <kbd>P</kbd>. Shift-click adds to the selection; shift-drag
        from one agent to another links them; double-click empty space adds an agent.
      </p>
    );
  }
  const index = topology.agents.findIndex((a) => a.id === selected[0]);
  const agent = topology.agents[index];
  if (!agent) return null;
  const crashed = selected.every((id) => faults.some((f) => f.kind === 'crash' && f.agent === id && f.atMs === 0));
  const field = (name: string) => issueFor(issues, `topology.agents[${index}].${name}`);
  const many = selected.length > 1;
  return (
    <div className="inspector">
      <h3>{many ? `${selected.length} agents selected` : agent.label}</h3>
      {!many && (
        <>
          <p className="agent-id">
            id <code>{agent.id}</code>
          </p>
          <TextField
            label="Label"
            value={agent.label}
            error={field('label')}
            onCommit={(label) => setAgentFields([agent.id], { label }, 'Rename agent')}
          />
          <NumberField
            label="Weight"
            value={agent.weight}
            min={0}
            error={field('weight')}
            onChange={(weight) => setAgentFields([agent.id], { weight }, 'Change weight')}
          />
          <TextField
            label="Capabilities (comma-separated)"
            value={agent.capabilities.join(', ')}
            error={field('capabilities')}
            onCommit={(text) =>
              setAgentFields(
                [agent.id],
                {
                  capabilities: text
                    .split(',')
                    .map((c) => c.trim())
                    .filter(Boolean),
                },
                'Change capabilities',
              )
            }
          />
          <PolicyEditor
            policy={agent.policy}
            onChange={(policy) => setAgentFields([agent.id], { policy }, 'Change voting policy')}
          />
        </>
      )}
      <SelectField
        label="Behaviour"
        value={
          many
            ? selected.every((id) => topology.agents.find((a) => a.id === id)?.behaviour === agent.behaviour)
              ? agent.behaviour
              : 'honest'
            : agent.behaviour
        }
        options={BEHAVIOURS}
        onChange={(behaviour) =>
          setAgentFields(selected, { behaviour }, behaviour === 'honest' ? 'Make honest' : 'Make malicious')
        }
      />
      <BehaviourInRun behaviour={agent.behaviour} />
      <div className="button-row wrap">
        <button type="button" onClick={() => toggleMaliciousSelected()} aria-keyshortcuts="M">
          {selected.every((id) => topology.agents.find((a) => a.id === id)?.behaviour !== 'honest')
            ? 'Make honest'
            : 'Make malicious'}
        </button>
        <button type="button" onClick={toggleCrashSelected} aria-keyshortcuts="K">
          {crashed ? 'Recover' : 'Crash at start'}
        </button>
        {selected.length === 2 && (
          <button type="button" onClick={toggleLinkSelected} aria-keyshortcuts="C">
            Link / unlink
          </button>
        )}
        <button type="button" className="danger" onClick={removeSelected} aria-keyshortcuts="Delete">
          Remove
        </button>
      </div>
    </div>
  );
}

function PolicyEditor({ policy, onChange }: { policy: VotingPolicy; onChange: (p: VotingPolicy) => void }) {
  return (
    <fieldset className="policy">
      <legend>Voting policy (honest)</legend>
      <SelectField
        label="Policy"
        value={policy.kind}
        options={[
          { value: 'fixed', label: 'Always the same vote' },
          { value: 'probability', label: 'At random' },
          { value: 'rule', label: 'A rule on the proposal' },
        ]}
        onChange={(kind) =>
          onChange(
            kind === 'fixed'
              ? { kind, vote: 'for' }
              : kind === 'probability'
                ? { kind, pFor: 0.7 }
                : { kind, field: 'risk', op: '<=', value: 3, then: 'for', otherwise: 'against' },
          )
        }
      />
      {policy.kind === 'fixed' && (
        <SelectField
          label="Vote"
          value={policy.vote}
          options={VOTES}
          onChange={(vote) => onChange({ ...policy, vote })}
        />
      )}
      {policy.kind === 'probability' && (
        <NumberField
          label="Chance of voting for"
          value={policy.pFor}
          min={0}
          max={1}
          step={0.05}
          onChange={(pFor) => onChange({ ...policy, pFor })}
        />
      )}
      {policy.kind === 'rule' && (
        <>
          <TextField label="Proposal field" value={policy.field} onCommit={(f) => onChange({ ...policy, field: f })} />
          <SelectField
            label="Comparison"
            value={policy.op}
            options={['==', '!=', '<', '<=', '>', '>='] as const}
            onChange={(op) => onChange({ ...policy, op })}
          />
          <TextField
            label="Value"
            value={String(policy.value)}
            onCommit={(v) =>
              onChange({
                ...policy,
                value:
                  v === 'true'
                    ? true
                    : v === 'false'
                      ? false
                      : Number.isFinite(Number(v)) && v.trim() !== ''
                        ? Number(v)
                        : v,
              })
            }
          />
          <SelectField
            label="Then vote"
            value={policy.then}
            options={VOTES}
            onChange={(then) => onChange({ ...policy, then })}
          />
          <SelectField
            label="Otherwise vote"
            value={policy.otherwise}
            options={VOTES}
            onChange={(otherwise) => onChange({ ...policy, otherwise })}
          />
        </>
      )}
    </fieldset>
  );
}

/** What the selected behaviour does in the run the form holds, or that this run kind does not model it. */
function BehaviourInRun({ behaviour }: { behaviour: Behaviour }) {
  const run = useStore((s) => s.scenario.run);
  const said = behaviour === 'honest' ? undefined : behaviourInRun(run, behaviour);
  if (!said) return null;
  return (
    <p className={said.modelled ? 'hint' : 'hint unmodelled'} data-testid="behaviour-in-run" aria-live="polite">
      {said.words}
    </p>
  );
}
