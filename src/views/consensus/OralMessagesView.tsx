import {
  guaranteeWords,
  ic1Words,
  ic2Words,
  type OralReading,
  type RuleWords,
} from '../../store/consensus/oralMessages';
import { thresholdModel } from '../../store/consensus/thresholds';
import { type Tally, tallyAt } from '../../store/consensus/voteTimeline';
import { useStore } from '../../store/index';
import { jumpToDecision, jumpToEnd } from '../../store/playback';
import { TallyBars, type TallyLabels } from './TallyBars';
import { type ConsensusSummary, useVoteSteps } from './useConsensusRun';

const LABELS: TallyLabels = { for: 'Attack', against: 'Retreat', unit: 'loyal lieutenants' };

/**
 * The Consensus tab for the Byzantine generals (OM(m)): the commander and its order,
 * the loyal lieutenants' decided orders filling as the cursor passes their decisions
 * (the same counts as the result), then IC1 and IC2 with their witnesses in words.
 */
export function OralMessagesView({ summary, reading }: { summary: ConsensusSummary; reading: OralReading }) {
  const steps = useVoteSteps();
  const cursor = useStore((s) => s.cursor);
  const tally = tallyAt(steps, cursor, { oral: true });
  const model = thresholdModel(summary.result);
  const { commander, traitors } = reading;
  const allDecided = tally.voters >= reading.decided.length;
  return (
    <>
      <h3 className="consensus-title">
        Byzantine generals, OM({reading.m}) — {reading.generals} generals
      </h3>
      <p className="rule" data-testid="om-commander">
        Commander {commander.agentId} ({reading.commanderLoyal ? 'loyal' : 'traitor'}) ordered '{commander.order}'.{' '}
        {traitors.length > 0 ? `Traitors: ${traitors.join(', ')}.` : 'No traitors.'}
        {reading.crashed.length > 0 ? ` Crashed before deciding: ${reading.crashed.join(', ')}.` : ''}
      </p>
      {allDecided ? (
        <section
          className={`ic-verdict ${reading.ic1.held && reading.ic2.held ? 'agree-banner' : 'disagree-banner'}`}
          aria-label="Interactive consistency"
          data-testid="ic-verdict"
        >
          <RuleLine id="ic1" words={ic1Words(reading)} />
          <RuleLine id="ic2" words={ic2Words(reading)} />
        </section>
      ) : (
        <p className="verdict-pending" data-testid="verdict-pending">
          IC1 and IC2 are judged once every loyal lieutenant has decided: {tally.voters} of {reading.decided.length} so
          far.{' '}
          <button type="button" onClick={jumpToEnd}>
            Jump to the end
          </button>
        </p>
      )}
      <p className="rule" data-testid="om-guarantee">
        {guaranteeWords(reading)}
      </p>
      <TallyBars tally={tally} model={model} labels={LABELS} />
      <OralStatus tally={tally} loyal={reading.decided.length} decision={summary.result.decision} />
      <p className="rule">{model.rule}</p>
      <Generals reading={reading} decided={tally.byVoter.size} />
    </>
  );
}

function RuleLine({ id, words }: { id: string; words: RuleWords }) {
  return (
    <p data-testid={id} className={words.held ? 'ic-held' : 'ic-violated'} role={words.held ? undefined : 'alert'}>
      <strong>{words.title}</strong>: {words.text}
    </p>
  );
}

function OralStatus({ tally, loyal, decision }: { tally: Tally; loyal: number; decision: string }) {
  return (
    <div className="tally-status" aria-live="polite">
      <p data-testid="tally-text">
        {tally.voters} of {loyal} loyal {loyal === 1 ? 'lieutenant' : 'lieutenants'} decided: {tally.for} attack,{' '}
        {tally.against} retreat.
      </p>
      {tally.decidedIndex >= 0 ? (
        <p className={`decision-line d-${decision}`} data-testid="decision">
          Decision: <strong>{decision}</strong> — approved only when more than half of the loyal lieutenants obey
          'attack'.
        </p>
      ) : (
        <p className="decision-line pending" data-testid="decision">
          Not decided yet at this point of the run.{' '}
          <button type="button" onClick={jumpToDecision}>
            Jump to the decision
          </button>
        </p>
      )}
    </div>
  );
}

/** Every general's part: the commander's order, each loyal lieutenant's decided order, the traitors. */
function Generals({ reading, decided }: { reading: OralReading; decided: number }) {
  const shown = decided >= reading.decided.length;
  const orders = new Map(reading.decided.map((w) => [w.agentId, w.order]));
  const traitors = new Set(reading.traitors);
  const ids = [reading.commander.agentId, ...reading.decided.map((w) => w.agentId), ...reading.traitors];
  const unique = [...new Set(ids)];
  return (
    <details className="participants" open={unique.length <= 30}>
      <summary>Generals and their orders</summary>
      <ul className="chips" data-testid="generals">
        {unique.map((id) => {
          const order = orders.get(id);
          const isCommander = id === reading.commander.agentId;
          const cls = order && shown ? (order === 'attack' ? 'v-for' : 'v-against') : 'v-none';
          const part = isCommander
            ? `commander${traitors.has(id) ? ' (traitor)' : ''}, ordered '${reading.commander.order}'`
            : traitors.has(id)
              ? 'traitor'
              : shown && order
                ? `obeyed '${order}'`
                : 'deciding';
          return (
            <li key={id} className={isCommander ? 'v-none' : cls}>
              {id}: {part}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
