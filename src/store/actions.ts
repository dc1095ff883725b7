/**
 * Module-level actions: the only place where worker calls start and their
 * results enter the store. Components call these; they never talk to the worker.
 */
import { WorkerAbortedError } from '../worker/client';
import type { RunFailure } from '../worker/protocol';
import { scenarioFingerprint } from './fingerprint';
import { useStore } from './index';
import { hasReplicas } from './inspectors/replicaKinds';
import { pause } from './playback';
import { showNewRun } from './runPlayback';
import { simClient } from './simClient';

let runController: AbortController | undefined;
let topologyToken = 0;

/** Rebuilds the drawn topology from the current scenario (in the worker, with layout). */
export async function refreshTopology(): Promise<void> {
  const token = ++topologyToken;
  const { scenario } = useStore.getState();
  useStore.setState({ topologyPending: true });
  try {
    const result = await simClient().describe(scenario);
    if (token !== topologyToken) return;
    if (result.ok) useStore.setState({ topology: result.topology, issues: result.issues, topologyPending: false });
    else useStore.setState({ issues: result.issues, topologyPending: false });
  } catch (error) {
    if (token === topologyToken && !(error instanceof WorkerAbortedError))
      useStore.setState({
        topologyPending: false,
        issues: [{ field: '', rule: String(error), message: String(error) }],
      });
  }
}

/** Runs the current scenario in the worker, with progress; a second call cancels the first. */
export async function runScenario(): Promise<void> {
  runController?.abort();
  pause();
  const controller = new AbortController();
  runController = controller;
  const { scenario } = useStore.getState();
  useStore.setState({ runStatus: 'running', runProgress: 0, failure: null });
  const onProgress = (fraction: number) => {
    if (runController === controller) useStore.setState({ runProgress: fraction });
  };
  try {
    const result = await simClient().run(scenario, {}, onProgress, { signal: controller.signal });
    if (runController !== controller) return;
    if (result.ok) {
      const traceIndex = result.index;
      useStore.setState({
        runStatus: 'done',
        runProgress: 1,
        summary: result.summary,
        trace: result.trace,
        traceIndex,
        runFingerprint: scenarioFingerprint(scenario),
        // A run with replicas opens the merge inspector on them, not on the hand-typed example.
        ...(hasReplicas(result.summary) ? { mergeSource: 'run' as const } : {}),
      });
      showNewRun();
    } else useStore.setState({ runStatus: 'failed', failure: result.failure });
  } catch (error) {
    if (runController !== controller) return;
    if (error instanceof WorkerAbortedError) useStore.setState({ runStatus: 'cancelled' });
    else useStore.setState({ runStatus: 'failed', failure: engineFailure(error) });
  } finally {
    if (runController === controller) runController = undefined;
  }
}

export function cancelRun(): void {
  runController?.abort();
}

function engineFailure(error: unknown): RunFailure {
  return { kind: 'engine', message: error instanceof Error ? error.message : String(error), issues: [] };
}
