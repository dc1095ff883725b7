import { useMemo } from 'react';
import { spreadSeries } from '../../store/consensus/spreadSeries';
import { useStore } from '../../store/index';
import { roundsEndedBy } from '../../store/stage/fieldModel';
import { resultOf } from '../../worker/protocol';
import { SpreadChart } from '../consensus/SpreadChart';
import { AggregateField } from './AggregateField';

/** The rounds ended at the player's cursor (re-renders once per round, not per frame). */
function useRoundsEnded(): number {
  return useStore((s) => roundsEndedBy(s.traceIndex?.roundEnds ?? [], s.cursor));
}

/**
 * The stage for an aggregate (well-mixed) rumor run: its own population as a field of cells,
 * beside the spread curve, never the scenario's small swarm (it is not what ran). Before the
 * run, the field is dark and says how many agents it will hold.
 */
export function AggregateStage({ agents }: { agents: number }) {
  const summary = useStore((s) => s.summary);
  const result = resultOf(summary, 'rumor');
  const ran = result?.model === 'well-mixed' && result.agents === agents ? result : undefined;
  const series = useMemo(() => (ran ? spreadSeries(summary, agents) : null), [ran, summary, agents]);
  const round = Math.min(useRoundsEnded(), (ran?.informedPerRound.length ?? 1) - 1);
  return (
    <div className="aggregate-stage" data-testid="aggregate-stage">
      <figure className="aggregate-figure">
        <AggregateField
          agents={agents}
          informedPerRound={ran?.informedPerRound ?? null}
          seed={summary?.seed ?? 1}
          aspect={1.25}
          className="stage-field"
          fill
        />
        <figcaption data-testid="field-caption">
          {ran ? (
            <>
              Well-mixed rumor, {agents.toLocaleString('en-US')} agents, one cell each. Round {round} of {ran.rounds}:{' '}
              <strong data-testid="field-lit">{ran.informedPerRound[round].toLocaleString('en-US')}</strong> informed.
              Cells count agents: which cell lights is arbitrary (the aggregate run does not record who).
            </>
          ) : (
            <>
              Aggregate run: {agents.toLocaleString('en-US')} agents in a well-mixed population, one cell each. Run it
              to light the field round by round.
            </>
          )}
        </figcaption>
      </figure>
      {series && (
        <div className="aggregate-curve">
          <SpreadChart series={series} round={round} />
        </div>
      )}
    </div>
  );
}
