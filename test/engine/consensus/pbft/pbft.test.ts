import { describe, expect, it } from 'vitest';
import {
  computeNewViewOrders,
  NULL_DIGEST,
  type PbftEventName,
  type PbftTraceEvent,
  requestDigest,
  runPbft,
  validatePbftParams,
} from '../../../../src/engine/consensus/pbft';
import { PbftHistory } from '../../../../src/engine/consensus/pbft/properties';
import type { Behaviour } from '../../../../src/engine/core/agent';
import { decodeAll } from '../../../../src/engine/trace/trace';
import { contextFor, type Setup } from '../raft/harness';
import { chaosCase, runCase } from './scenarios';

const COMMANDS = [
  { atMs: 100, value: 'a' },
  { atMs: 150, value: 'b' },
];

function run(seed: number, setup: Setup, params: Record<string, unknown> = {}) {
  const ctx = contextFor(seed, setup, true);
  const summary = runPbft(ctx, validatePbftParams({ commands: COMMANDS, ...params }, { replicas: setup.n }));
  const events = decodeAll(ctx.trace.columns()).flatMap((e) =>
    e.kind === 'engine'
      ? [{ t: e.t, name: e.name, agent: e.agent, detail: e.detail } as PbftTraceEvent & { t: number }]
      : [],
  );
  return { ctx, summary, events };
}

const withPrimary = (n: number, b: Behaviour): Behaviour[] => [b, ...Array<Behaviour>(n - 1).fill('honest')];

describe('pbft normal case', () => {
  it('four honest replicas commit both requests in order, messages per phase exactly as in theory', () => {
    const { summary } = run(1, { n: 4 });
    expect(summary).toMatchObject({ safe: true, allCommitted: true, viewChanges: 0, faultTolerance: 1 });
    expect(summary.quorums).toEqual({ prepare: 2, commit: 3, viewChange: 3, join: 2, reply: 2 });
    expect(summary.requests.map((r) => r.seq)).toEqual([1, 2]);
    for (const r of summary.replicaStates) expect(r.executed).toEqual(['a', 'b']);
    // Per request: pre-prepare n − 1 = 3, prepare (n − 1)² = 9, commit n(n − 1) = 12.
    expect(summary.messages.phases).toEqual([
      { phase: 'pre-prepare', measured: 3, theory: 3 },
      { phase: 'prepare', measured: 9, theory: 9 },
      { phase: 'commit', measured: 12, theory: 12 },
    ]);
    expect(summary.messages.theoryPerRequest).toBe(24);
  });

  it('traces its vocabulary', () => {
    const { events } = run(2, { n: 4 });
    const names = new Set<PbftEventName>(events.map((e) => e.name));
    expect([...names].sort()).toEqual(
      ['committed', 'executed', 'prePrepared', 'prepared', 'requestCommitted', 'requestReceived'].sort(),
    );
    const executed = events.find((e) => e.name === 'executed');
    expect(executed?.detail).toEqual({ seq: 1, digest: requestDigest({ id: 0, value: 'a' }), request: 0, value: 'a' });
  });

  it('quorums for n > 3f + 1 are ⌈(n + f + 1)/2⌉, so that two of them share an honest replica', () => {
    const { summary } = run(3, { n: 5 });
    expect(summary.faultTolerance).toBe(1);
    expect(summary.quorums).toMatchObject({ prepare: 3, commit: 4, viewChange: 4 });
    expect(summary.allCommitted).toBe(true);
  });

  it('messages follow the links (ring) and still commit', () => {
    const { ctx, summary } = run(4, { n: 7, topology: { kind: 'ring' } });
    expect(summary).toMatchObject({ safe: true, allCommitted: true });
    expect(decodeAll(ctx.trace.columns()).some((e) => e.kind === 'messageRelayed')).toBe(true);
  });

  it('digests are deterministic and tell requests apart', () => {
    expect(requestDigest({ id: 0, value: 'a' })).toBe(requestDigest({ id: 0, value: 'a' }));
    expect(requestDigest({ id: 0, value: 'a' })).not.toBe(requestDigest({ id: 1, value: 'a' }));
    expect(requestDigest({ id: 0, value: 'a' })).not.toBe(requestDigest({ id: 0, value: 'b' }));
    expect(NULL_DIGEST).toMatch(/^[0-9a-f]{16}$/);
  });

  it('same seed ⇒ same trace hash and summary', () => {
    const c = chaosCase(21);
    const a = runCase(21, c, true);
    const b = runCase(21, c, false);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.summary).toEqual(b.summary);
    expect(JSON.parse(JSON.stringify(a.summary))).toEqual(a.summary); // plain data, ready for the worker boundary
    expect(runCase(22, c).traceHash).not.toBe(a.traceHash);
  });
});

describe('pbft with a faulty primary', () => {
  it('a silent primary: the backups time out, view 1 begins under agent-2, both requests commit', () => {
    const { summary, events } = run(5, { n: 4, behaviours: withPrimary(4, 'silent') });
    expect(summary).toMatchObject({ safe: true, allCommitted: true, viewChanges: 1 });
    expect(summary.views.map((v) => [v.view, v.primaryId])).toEqual([
      [0, 'agent-1'],
      [1, 'agent-2'],
    ]);
    const started = events.filter((e) => e.name === 'viewChangeStarted');
    expect(new Set(started.map((e) => e.agent))).toEqual(new Set([1, 2, 3]));
    // Before the view change nothing executes: the first request waits for the backups' timeout.
    expect(summary.requests[0].committedAtMs).toBeGreaterThan(1_000);
    expect(summary.faulty).toEqual([
      { agentId: 'agent-1', behaviour: 'silent', does: expect.stringMatching(/Sends nothing/) },
    ]);
  });

  it('an equivocating primary at n = 7: neither half can prepare, a view change follows, the honest replicas agree', () => {
    const { summary, events } = run(6, { n: 7, behaviours: withPrimary(7, 'equivocate') });
    expect(summary).toMatchObject({ safe: true, allCommitted: true });
    expect(summary.viewChanges).toBeGreaterThanOrEqual(1);
    // Both versions went out under number 1 in view 0: the request and the null request.
    const forks = events.filter((e) => e.name === 'prePrepared' && e.detail.view === 0 && e.detail.seq === 1);
    expect(new Set(forks.map((e) => (e.name === 'prePrepared' ? e.detail.digest : '')))).toEqual(
      new Set([requestDigest({ id: 0, value: 'a' }), NULL_DIGEST]),
    );
    const honest = summary.replicaStates.filter((r) => r.behaviour === 'honest');
    for (const r of honest) expect(r.executed).toEqual(['a', 'b']);
  });

  it('a flipping primary sends digests that match no request: refused, then a view change', () => {
    const { summary } = run(7, { n: 4, behaviours: withPrimary(4, 'flip') });
    expect(summary).toMatchObject({ safe: true, allCommitted: true, viewChanges: 1 });
  });
});

describe('pbft pieces', () => {
  it('a new view takes, per number, the certificate of the highest view, and fills gaps with the null request', () => {
    const r = (id: number) => ({ id, value: `v${id}` });
    const proof = (seq: number, view: number, id: number) => ({
      seq,
      view,
      digest: requestDigest(r(id)),
      request: r(id),
    });
    const orders = computeNewViewOrders([
      { from: 0, prepared: [proof(1, 0, 1), proof(3, 1, 3)] },
      { from: 2, prepared: [proof(1, 2, 4)] },
      { from: 3, prepared: [] },
    ]);
    expect(orders).toEqual([
      { seq: 1, digest: requestDigest(r(4)), request: r(4) },
      { seq: 2, digest: NULL_DIGEST, request: { id: -1, value: '' } },
      { seq: 3, digest: requestDigest(r(3)), request: r(3) },
    ]);
  });

  it('agreement and validity name their witnesses', () => {
    const told: string[] = [];
    const issued = (q: { id: number; value: string }) => q.id === 0 && q.value === 'a';
    const h = new PbftHistory(['agent-1', 'agent-2', 'agent-3'], issued, (p) => told.push(p));
    const a = { id: 0, value: 'a' };
    h.executed(0, 1, requestDigest(a), a, 0, 10);
    h.executed(1, 1, requestDigest(a), a, 0, 11);
    h.executed(2, 2, NULL_DIGEST, { id: -1, value: '' }, 1, 12);
    expect(h.verdicts().every((v) => v.held)).toBe(true);
    h.executed(2, 1, NULL_DIGEST, { id: -1, value: '' }, 1, 13);
    const forged = { id: 0, value: 'A' };
    h.executed(1, 3, requestDigest(forged), forged, 1, 14);
    const [agreement, validity] = h.verdicts();
    expect(agreement).toMatchObject({
      held: false,
      witness: {
        agents: ['agent-1', 'agent-3'],
        views: [0, 1],
        sequences: [1],
        digests: [requestDigest(a), NULL_DIGEST],
      },
    });
    expect(validity).toMatchObject({ held: false, witness: { agents: ['agent-2'], sequences: [3] } });
    expect(told).toEqual(['agreement', 'validity']);
  });
});
