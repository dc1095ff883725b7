import { useStore } from '../../store/index';

const NO_FAULTS: never[] = [];

/**
 * Before (and after) a Byzantine run: the size rule n ≥ 3f + 1 with the swarm's
 * own numbers and how many agents are malicious against f. The engine's own
 * error and warning are shown by the run form next to the f field.
 */
export function ByzantineCheck() {
  const run = useStore((s) => s.scenario.run);
  const topology = useStore((s) => s.topology);
  // A stable empty list: a selector returning a fresh [] would re-render forever.
  const faults =
    useStore((s) => s.scenario.network.faults as { kind: string; agent?: string; atMs: number }[] | undefined) ??
    NO_FAULTS;
  if (run.kind !== 'consensus' || run.algorithm !== 'byzantine' || !topology) return null;
  const f = typeof run.faultTolerance === 'number' ? run.faultTolerance : 1;
  const crashed = new Set(faults.filter((x) => x.kind === 'crash' && x.atMs === 0).map((x) => x.agent));
  const live = topology.agents.filter((a) => !crashed.has(a.id));
  const n = live.length;
  const need = 3 * f + 1;
  const malicious = live.filter((a) => a.behaviour !== 'honest').length;
  const tooSmall = n < need;
  return (
    <div className={`byz-check${tooSmall ? ' bad' : ''}`} data-testid="byzantine-check">
      <p>
        Bracha's reliable broadcast tolerates f malicious agents among n only when n ≥ 3f + 1. Here n = {n}, f = {f}:{' '}
        <strong data-testid="byzantine-size-rule">
          {tooSmall ? `${n} < 3·${f}+1 = ${need}` : `${n} ≥ 3·${f}+1 = ${need}`}
        </strong>
        {tooSmall ? ' — the run is refused: add agents or lower f.' : '.'}
      </p>
      <p>
        Malicious agents: <strong>{malicious}</strong>
        {malicious > f
          ? ` > f = ${f}: honest agents may disagree (try "Find a counterexample").`
          : ` ≤ f = ${f}: honest agents are guaranteed to agree.`}
      </p>
    </div>
  );
}
