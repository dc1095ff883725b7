import { beforeEach, describe, expect, it } from 'vitest';
import { contentHash, scenarioFingerprint } from '../../src/store/fingerprint';
import { useStore } from '../../src/store/index';
import { LIVE_RERUN_MAX_AGENTS, wantsLiveRerun } from '../../src/store/liveRerun';
import { SIM_MS_PER_SECOND_AT_1X } from '../../src/store/playbackSlice';
import { isRunFresh } from '../../src/store/runFreshness';
import { AUTOPLAY_SECONDS, autoplaySpeed } from '../../src/store/runPlayback';
import type { ScenarioDraft } from '../../src/store/scenarioSlice';
import { runsApi } from '../../src/worker/api/runs';
import { buildTraceIndex } from '../../src/worker/traceIndex';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
const s = () => useStore.getState();

const quorumRing: ScenarioDraft = {
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 4,
  topology: { agentCount: 8, builder: { kind: 'ring' } },
  network: { latencyMsMin: 10, latencyMsMax: 30, faults: [] },
  run: { kind: 'consensus', algorithm: 'quorum', mode: 'simple' },
};

/** Runs the store's scenario for real (engine + index) and stores it the way the run action does. */
async function runNow(): Promise<void> {
  const { scenario } = s();
  const out = await runsApi.run(scenario);
  if (!out.ok) throw new Error(out.failure.message);
  useStore.setState({
    runStatus: 'done',
    summary: out.summary,
    trace: out.trace,
    traceIndex: buildTraceIndex(out.trace, out.summary.agents),
    runFingerprint: scenarioFingerprint(scenario),
  });
  s().setCursor(out.trace.length - 1);
}

describe('scenario fingerprint', () => {
  it('reads content, not identity or key order', () => {
    const copy = JSON.parse(JSON.stringify(quorumRing)) as ScenarioDraft;
    const reordered = { run: copy.run, network: copy.network, topology: copy.topology, seed: 4, version: 1 } as const;
    expect(scenarioFingerprint(copy)).toBe(scenarioFingerprint(quorumRing));
    expect(scenarioFingerprint({ format: copy.format, ...reordered })).toBe(scenarioFingerprint(quorumRing));
    expect(scenarioFingerprint({ ...quorumRing, seed: 5 })).not.toBe(scenarioFingerprint(quorumRing));
    const behaviour = { ...quorumRing, topology: { ...quorumRing.topology, agentCount: 9 } };
    expect(scenarioFingerprint(behaviour)).not.toBe(scenarioFingerprint(quorumRing));
    expect(contentHash({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(contentHash({ a: [{ d: 2 }], b: 1 }));
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
    expect(contentHash([[1], 2])).not.toBe(contentHash([1, [2]]));
  });
});

describe('never a stale view', () => {
  it('an edit sets the run aside: no trace to replay, its summary kept as the previous swarm’s', async () => {
    s().setScenario(quorumRing);
    await runNow();
    const ran = s().trace;
    expect(isRunFresh(s())).toBe(true);
    s().edit('Change agent count', (d) => ({ ...d, topology: { ...d.topology, agentCount: 20 } }));
    expect(s().trace).toBeNull();
    expect(s().traceIndex).toBeNull();
    expect(s().summary).toBeNull();
    expect(s().cursor).toBe(-1);
    expect(s().playing).toBe(false);
    expect(s().staleRun?.trace).toBe(ran);
    expect(s().staleRun?.summary.agents).toBe(8);
    expect(isRunFresh(s())).toBe(false);
  });

  it('undo back to the exact scenario brings the run back where the player was', async () => {
    s().setScenario(quorumRing);
    await runNow();
    const ran = s().trace;
    s().setCursor(3);
    s().setSeed(99);
    expect(s().trace).toBeNull();
    s().undo();
    expect(s().trace).toBe(ran);
    expect(s().cursor).toBe(3);
    expect(s().staleRun).toBeNull();
    expect(isRunFresh(s())).toBe(true);
  });

  it('an equal scenario reached another way is fresh too; a rerun replaces the one set aside', async () => {
    s().setScenario(quorumRing);
    await runNow();
    s().setSeed(9);
    s().setSeed(4); // same content as the run's scenario, a different object
    expect(s().trace).not.toBeNull();
    s().setSeed(9);
    expect(s().staleRun).not.toBeNull();
    await runNow();
    expect(s().staleRun).toBeNull();
    expect(s().summary?.seed).toBe(9);
    expect(isRunFresh(s())).toBe(true);
  });

  it('a run that comes back after the scenario was edited meanwhile is set aside at once', async () => {
    s().setScenario(quorumRing);
    const scenario = s().scenario;
    const out = await runsApi.run(scenario);
    if (!out.ok) throw new Error(out.failure.message);
    s().setSeed(11); // edited while the worker ran
    useStore.setState({
      summary: out.summary,
      trace: out.trace,
      traceIndex: buildTraceIndex(out.trace, out.summary.agents),
      runFingerprint: scenarioFingerprint(scenario),
    });
    expect(s().trace).toBeNull();
    expect(s().staleRun?.summary.seed).toBe(4);
  });

  it('R does nothing while a run is going or the scenario has problems', async () => {
    const { runUnavailable } = await import('../../src/store/commands');
    expect(runUnavailable()).toBeNull();
    useStore.setState({ runStatus: 'running' });
    expect(runUnavailable()).toMatch(/in progress/);
    useStore.setState({ runStatus: 'idle', issues: [{ field: 'seed', rule: 'x', message: 'x' }] });
    expect(runUnavailable()).toMatch(/problems/);
    // Nor while the last session is being restored: that run would be of the scenario about to be replaced.
    useStore.setState({ issues: [], autosave: 'restoring' });
    expect(runUnavailable()).toMatch(/being restored/);
    useStore.setState({ autosave: 'idle' });
    expect(runUnavailable()).toBeNull();
  });
});

describe('live reruns', () => {
  it('only for a stale run of a small, valid, built swarm, with the setting on', async () => {
    s().setScenario(quorumRing);
    await runNow();
    s().setSeed(8);
    const built = runsApi.describe(s().scenario);
    if (!built.ok) throw new Error('not built');
    useStore.setState({ topology: built.topology, topologyPending: false });
    expect(wantsLiveRerun(s())).toBe(false); // the setting is off
    useStore.setState({ prefs: { ...s().prefs, liveRerun: true } });
    expect(wantsLiveRerun(s())).toBe(true);
    useStore.setState({ topologyPending: true });
    expect(wantsLiveRerun(s())).toBe(false);
    useStore.setState({ topologyPending: false, runStatus: 'running' });
    expect(wantsLiveRerun(s())).toBe(false);
    useStore.setState({ runStatus: 'done', issues: [{ field: 'seed', rule: 'x', message: 'x' }] });
    expect(wantsLiveRerun(s())).toBe(false);
    useStore.setState({ issues: [] });
    s().undo(); // back to the run's scenario: fresh, nothing to rerun
    expect(wantsLiveRerun(s())).toBe(false);
    const big = runsApi.describe({
      ...quorumRing,
      topology: { agentCount: LIVE_RERUN_MAX_AGENTS + 1, builder: { kind: 'ring' } },
    });
    if (!big.ok) throw new Error('not built');
    s().setSeed(8);
    useStore.setState({ topology: big.topology });
    expect(wantsLiveRerun(s())).toBe(false);
  });
});

describe('automatic playback speed', () => {
  it('plays any run in a few seconds of wall time', () => {
    for (const endMs of [37, 480, 12_345, 600_000]) {
      const wallSeconds = endMs / (SIM_MS_PER_SECOND_AT_1X * autoplaySpeed(endMs));
      expect(wallSeconds).toBeGreaterThan(AUTOPLAY_SECONDS * 0.9);
      expect(wallSeconds).toBeLessThan(AUTOPLAY_SECONDS * 1.1);
    }
  });
});
