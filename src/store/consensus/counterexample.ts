/**
 * "Find a counterexample" actions: the seed search runs on a pool of workers, one per spare
 * core, apart from the simulation worker (bounded, cancellable, with progress; the same seed
 * as a one-core search); a found seed becomes the scenario's seed (one undoable edit) and is
 * run through the normal run action, so the player opens exactly the run the CLI reproduces
 * from the exported scenario.
 */
import { WorkerAbortedError } from '../../worker/client';
import { SearchPool } from '../../worker/pool';
import { runScenario } from '../actions';
import { useStore } from '../index';

let pool: SearchPool | undefined;

let controller: AbortController | undefined;

export interface SearchSettings {
  maxSeeds: number;
  withinRounds?: number;
  firstSeed?: number;
}

/** Searches seeds for the current scenario; a second call cancels the first. */
export async function findCounterexample(settings: SearchSettings): Promise<void> {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  const { scenario } = useStore.getState();
  const request = { maxSeeds: settings.maxSeeds, withinRounds: settings.withinRounds, firstSeed: settings.firstSeed };
  pool ??= new SearchPool();
  useStore.setState({
    searchStatus: 'searching',
    searchProgress: 0,
    searchTried: 0,
    searchOutcome: null,
    searchWorkers: pool.workersFor(request),
  });
  const onProgress = (fraction: number, tried: number) => {
    if (controller === mine) useStore.setState({ searchProgress: fraction, searchTried: tried });
  };
  try {
    const outcome = await pool.search(scenario, request, onProgress, { signal: mine.signal });
    if (controller !== mine) return;
    const status = !outcome.ok ? 'failed' : outcome.found ? 'found' : 'not-found';
    useStore.setState({
      searchStatus: status,
      searchOutcome: outcome,
      searchProgress: 1,
      searchTried: outcome.ok ? outcome.tried : 0,
    });
    if (outcome.ok && outcome.found) await openCounterexample(outcome.seed);
  } catch (error) {
    if (controller !== mine) return;
    if (error instanceof WorkerAbortedError) useStore.setState({ searchStatus: 'cancelled' });
    else
      useStore.setState({
        searchStatus: 'failed',
        searchOutcome: {
          ok: false,
          failure: { kind: 'engine', message: error instanceof Error ? error.message : String(error), issues: [] },
        },
      });
  } finally {
    if (controller === mine) controller = undefined;
  }
}

export function cancelSearch(): void {
  controller?.abort();
}

/** Sets the scenario's seed to `seed` and runs it in the player. */
export async function openCounterexample(seed: number): Promise<void> {
  useStore.getState().edit('Open counterexample', (s) => ({ ...s, seed }));
  useStore.setState({ openCounterexampleSeed: seed });
  await runScenario();
}

/** The scenario as the CLI reads it (`npm run sim -- file.json`). */
export function scenarioJson(): string {
  return `${JSON.stringify(useStore.getState().scenario, null, 2)}\n`;
}
