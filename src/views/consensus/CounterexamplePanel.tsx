import { useState } from 'react';
import { cancelSearch, findCounterexample, scenarioJson } from '../../store/consensus/counterexample';
import { propertyWords, searchedProperty } from '../../store/consensus/property';
import { withFieldWords } from '../../store/fieldNames';
import { useStore } from '../../store/index';
import { MAX_SEARCH_SEEDS } from '../../worker/protocol';
import { NumberField } from '../common/NumberField';
import { AgreementBanner } from './AgreementBanner';
import { fmt, useConsensusSummary } from './useConsensusRun';

/** "Find a counterexample": seed search in the worker, then the run that breaks the property, in the player. */
export function CounterexamplePanel() {
  const run = useStore((s) => s.scenario.run);
  const seed = useStore((s) => s.scenario.seed);
  const agents = useStore((s) => s.topology?.agents.length ?? 0);
  const status = useStore((s) => s.searchStatus);
  const hasIssues = useStore((s) => s.issues.length > 0);
  const maxSeeds = useStore((s) => s.searchSeeds);
  const setMaxSeeds = useStore((s) => s.setSearchSeeds);
  const rounds = useStore((s) => s.searchRounds);
  const setRounds = useStore((s) => s.setSearchRounds);
  const searched = searchedProperty(run, agents);
  const bounded = searched?.roundBound !== undefined;
  const k = rounds ?? searched?.roundBound ?? 1;
  const property = searched && propertyWords(searched, bounded ? k : undefined);
  if (!property) return <p className="hint">This run kind has no safety or liveness property to break.</p>;
  const searching = status === 'searching';
  return (
    <div className="counterexample">
      <p>
        Property: <strong data-testid="property">{property}</strong>. The search runs the scenario with seed after seed
        on a pool of workers, one per spare core (no trace kept), and stops at the first run that breaks it.
      </p>
      <NumberField
        label="Seeds to try"
        value={maxSeeds}
        min={1}
        max={MAX_SEARCH_SEEDS}
        integer
        onChange={setMaxSeeds}
      />
      {bounded && <NumberField label="Within k rounds" value={k} min={1} max={10000} integer onChange={setRounds} />}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={searching || hasIssues}
          onClick={() => void findCounterexample({ maxSeeds, firstSeed: seed, withinRounds: bounded ? k : undefined })}
        >
          Find a counterexample
        </button>
        {searching && (
          <button type="button" onClick={cancelSearch}>
            Cancel search
          </button>
        )}
      </div>
      <SearchProgress maxSeeds={maxSeeds} />
      <SearchOutcomeView />
      <ExportScenario />
    </div>
  );
}

function SearchProgress({ maxSeeds }: { maxSeeds: number }) {
  const status = useStore((s) => s.searchStatus);
  const progress = useStore((s) => s.searchProgress);
  const tried = useStore((s) => s.searchTried);
  const workers = useStore((s) => s.searchWorkers);
  const on = `on ${workers} worker${workers === 1 ? '' : 's'}`;
  return (
    <>
      {status === 'searching' && (
        <progress className="run-progress" aria-label="Search progress" max={1} value={progress}>
          {Math.round(progress * 100)} %
        </progress>
      )}
      <p className="status" role="status" data-testid="search-status">
        {status === 'searching'
          ? `Searching ${on}… ${fmt(tried)} of ${fmt(maxSeeds)} seeds tried`
          : status === 'cancelled'
            ? 'Search cancelled.'
            : status === 'idle'
              ? ''
              : `Searched ${on}.`}
      </p>
    </>
  );
}

function SearchOutcomeView() {
  const outcome = useStore((s) => s.searchOutcome);
  const summary = useConsensusSummary();
  const runSeed = useStore((s) => s.summary?.seed);
  if (!outcome) return null;
  if (!outcome.ok)
    return (
      <p className="error-box" role="alert">
        {withFieldWords(outcome.failure.message)}
      </p>
    );
  if (!outcome.found)
    return (
      <p className="found-none" data-testid="search-result">
        No counterexample in {fmt(outcome.tried)} seeds from {outcome.firstSeed}: “{outcome.property}” held in every
        run. That is evidence, not a proof: try more seeds, or a harsher scenario (more malicious agents, loss, fewer
        rounds).
      </p>
    );
  const v = outcome.violation;
  // The open run's banner names the witnesses with the votes they were delivered; the list would repeat it.
  const showBanner = runSeed === outcome.seed && typeof summary?.agreement === 'object';
  return (
    <div className="found" data-testid="search-result">
      <p>
        <strong>Counterexample: seed {outcome.seed}</strong> (after {fmt(outcome.tried)} seeds) breaks “{v.property}”.{' '}
        {v.message}
        {runSeed === outcome.seed ? ' It is open in the player.' : ''}
      </p>
      {v.witnesses.length > 0 && !showBanner && (
        <ul className="witnesses" aria-label="Witnesses">
          {v.witnesses.map((w) => (
            <li key={w.agentId}>
              <strong>{w.agentId}</strong> {w.detail}
            </li>
          ))}
        </ul>
      )}
      {showBanner && summary?.agreement && typeof summary.agreement === 'object' && (
        <AgreementBanner
          agreement={summary.agreement}
          malicious={summary.records?.filter((r) => !r.honest).length ?? 0}
          f={Number(summary.result.metadata.faultTolerance ?? 1)}
        />
      )}
    </div>
  );
}

/** Saves the scenario as a file through a temporary link (the browser's download, no server). */
function download(): void {
  const url = URL.createObjectURL(new Blob([scenarioJson()], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'scenario.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ExportScenario() {
  const seed = useStore((s) => s.scenario.seed);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    void navigator.clipboard.writeText(scenarioJson()).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <div className="export">
      <p>
        Reproduce it from the command line: save the scenario and run <code>npm run sim -- scenario.json</code> (its
        seed is {seed}; <code>--seed N</code> overrides it).
      </p>
      <div className="button-row">
        <button type="button" onClick={copy}>
          {copied === 'copied' ? 'Copied' : 'Copy scenario JSON'}
        </button>
        <button type="button" onClick={download}>
          Download scenario JSON
        </button>
      </div>
      {copied === 'failed' && <p className="field-error">The clipboard is not available here; use Download.</p>}
    </div>
  );
}
