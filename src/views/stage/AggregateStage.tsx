import { useEffect, useMemo, useRef } from 'react';
import { spreadSeries } from '../../store/consensus/spreadSeries';
import { useStore } from '../../store/index';
import { informedAt } from '../../store/stage/fieldModel';
import { resultOf } from '../../worker/protocol';
import { SpreadChart } from '../consensus/SpreadChart';
import { AggregateField } from './AggregateField';

/** The rounds the player is in, for the caption (re-rendered per event, not per frame). */
function useRoundShown(roundMs: number): number {
  return useStore((s) => Math.floor(s.playTime / Math.max(1, roundMs)));
}

/** The informed count at the player's moment, written straight into the text (it changes every frame). */
function LiveCount({ informedPerRound, roundMs }: { informedPerRound: readonly number[]; roundMs: number }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const show = () => {
      const lit = informedAt(informedPerRound, roundMs, 0, useStore.getState().playTime);
      if (ref.current) ref.current.textContent = lit.toLocaleString('en-US');
    };
    show();
    return useStore.subscribe((s, prev) => {
      if (s.playTime !== prev.playTime) show();
    });
  }, [informedPerRound, roundMs]);
  return <strong ref={ref} data-testid="field-lit" />;
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
  const roundMs = ran?.roundMs ?? 1;
  const round = Math.min(useRoundShown(roundMs), (ran?.informedPerRound.length ?? 1) - 1);
  return (
    <div className="aggregate-stage" data-testid="aggregate-stage">
      <figure className="aggregate-figure">
        <AggregateField
          agents={agents}
          informedPerRound={ran?.informedPerRound ?? null}
          roundMs={roundMs}
          seed={summary?.seed ?? 1}
          aspect={1.25}
          className="stage-field"
        />
        <figcaption data-testid="field-caption">
          {ran ? (
            <>
              Well-mixed rumor, {agents.toLocaleString('en-US')} agents, one cell each. Round {round} of {ran.rounds}:{' '}
              <LiveCount informedPerRound={ran.informedPerRound} roundMs={roundMs} /> informed. Cells count agents:
              which cell lights is arbitrary (the aggregate run does not record who).
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
