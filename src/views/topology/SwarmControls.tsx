import { useId } from 'react';
import { changeAgentCount, changeBuilder } from '../../store/editing';
import { useStore } from '../../store/index';
import { type BuilderDraft, DEFAULT_BUILDER_PARAMS } from '../../store/scenarioSlice';
import { issueFor } from '../common/issues';
import { NumberField } from '../common/NumberField';

const BUILDER_LABELS: Record<BuilderDraft['kind'], string> = {
  mesh: 'Full mesh',
  'partial-mesh': 'Partial mesh (degree k)',
  ring: 'Ring',
  star: 'Star',
  hierarchical: 'Hierarchical (tree)',
  'small-world': 'Small world (Watts–Strogatz)',
  random: 'Random (Erdős–Rényi)',
  custom: 'Custom (your own links)',
};

/** Choose how the swarm is built: the builder, its parameters, the number of agents and the seed. */
export function SwarmControls() {
  const builderId = useId();
  const scenario = useStore((s) => s.scenario);
  const issues = useStore((s) => s.issues);
  const { setSeed } = useStore.getState();
  const builder = scenario.topology.builder;
  const count = scenario.topology.agentCount ?? scenario.topology.agents?.length ?? 0;

  return (
    <section className="panel" aria-labelledby={`${builderId}-title`}>
      <h2 id={`${builderId}-title`}>Swarm</h2>
      <div className="field">
        <label htmlFor={builderId}>Topology</label>
        <select
          id={builderId}
          value={builder.kind}
          onChange={(e) => changeBuilder(DEFAULT_BUILDER_PARAMS[e.target.value as BuilderDraft['kind']])}
        >
          {Object.entries(BUILDER_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label="Agents"
        value={count}
        min={1}
        max={5000}
        integer
        error={issueFor(issues, 'topology.agentCount')}
        onChange={changeAgentCount}
      />
      <BuilderParams builder={builder} onChange={changeBuilder} error={issueFor(issues, 'topology.builder')} />
      <NumberField
        label="Seed"
        value={scenario.seed}
        min={0}
        max={4294967295}
        integer
        error={issueFor(issues, 'seed')}
        onChange={setSeed}
      />
    </section>
  );
}

function BuilderParams({
  builder,
  onChange,
  error,
}: {
  builder: BuilderDraft;
  onChange: (b: BuilderDraft) => void;
  error?: string;
}) {
  switch (builder.kind) {
    case 'partial-mesh':
      return (
        <NumberField
          label="Degree k"
          value={builder.k}
          min={1}
          integer
          error={error}
          onChange={(k) => onChange({ ...builder, k })}
        />
      );
    case 'hierarchical':
      return (
        <NumberField
          label="Branching"
          value={builder.branching}
          min={1}
          integer
          error={error}
          onChange={(branching) => onChange({ ...builder, branching })}
        />
      );
    case 'small-world':
      return (
        <>
          <NumberField
            label="Neighbours k (even)"
            value={builder.k}
            min={2}
            step={2}
            integer
            error={error}
            onChange={(k) => onChange({ ...builder, k })}
          />
          <NumberField
            label="Rewiring β"
            value={builder.beta}
            min={0}
            max={1}
            step={0.05}
            onChange={(beta) => onChange({ ...builder, beta })}
          />
        </>
      );
    case 'random':
      return (
        <NumberField
          label="Link probability p"
          value={builder.p}
          min={0}
          max={1}
          step={0.01}
          error={error}
          onChange={(p) => onChange({ ...builder, p })}
        />
      );
    default:
      return error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null;
  }
}
