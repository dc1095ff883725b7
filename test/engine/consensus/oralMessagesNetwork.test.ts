import { describe, expect, it } from 'vitest';
import { ConsensusManager } from '../../../src/engine/consensus/consensusManager';
import { findCounterexample } from '../../../src/engine/consensus/counterexample';
import {
  OralMessages,
  type Order,
  oralMessageCount,
  type TraitorChoice,
  type TraitorStrategy,
} from '../../../src/engine/consensus/oralMessages';
import { OralMessagesAlgorithm } from '../../../src/engine/consensus/oralMessagesAlgorithm';
import {
  defaultOralRoundMs,
  OM_ORDER_TAG,
  OM_RELAY_TAG,
  type OralMessagePayload,
  runOralMessagesOnNetwork,
} from '../../../src/engine/consensus/oralMessagesNetwork';
import type { Behaviour } from '../../../src/engine/core/agent';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import type { NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

type Ev = ReturnType<typeof decodeAll>[number];
const isOm = (e: Ev) => 'tag' in e && (e.tag === OM_ORDER_TAG || e.tag === OM_RELAY_TAG);
const engine = (events: Ev[], name: string) =>
  events.flatMap((e) => (e.kind === 'engine' && e.name === name ? [e] : []));

const CLEAN: NetworkConfig = {
  latencyMsMin: 10,
  latencyMsMax: 50,
  lossProbability: 0,
  duplicationProbability: 0,
  reorderProbability: 0,
};

interface Setup {
  seed: number;
  n: number;
  behaviours?: Record<number, Behaviour>;
  network?: Partial<NetworkConfig>;
  /** Faults and partitions, given the network and the request time. */
  before?: (net: Network) => void;
  options?: { m?: number; roundMs?: number };
}

/** OM(m) through the manager on a mesh of n agents that all vote 'for' (the commander orders attack). */
function omVote(s: Setup) {
  const c = SwarmCoordinator.fromTopology({ kind: 'mesh' }, s.n, new Prng(s.seed));
  c.agents.forEach((a, i) => {
    c.updateAgent(a.id, { policy: { kind: 'fixed', vote: 'for' }, behaviour: s.behaviours?.[i] ?? 'honest' });
  });
  const trace = new Trace(true);
  const net = new Network(s.n, { ...CLEAN, ...s.network }, new Prng(s.seed + 1000), trace);
  c.attach(net);
  s.before?.(net);
  const manager = new ConsensusManager(c, { rng: new Prng(s.seed + 2000) });
  manager.registerAlgorithm('oral-messages', new OralMessagesAlgorithm(s.options ?? {}));
  const result = manager.requestConsensus({ proposalId: 'om' }, { algorithm: 'oral-messages' });
  const events = decodeAll(trace.columns());
  return { result, meta: result.metadata as Record<string, unknown>, events, trace, net };
}

/** A deterministic lie that depends on the whole path and the recipient (so a traitor tells peers different things). */
const lie: TraitorChoice = ({ path, to, honest }) => {
  let h = 17 * to + 5 * path.length;
  for (const g of path) h = (h * 31 + g + 1) % 1009;
  return h % 3 === 0 ? honest : h % 3 === 1 ? 'attack' : 'retreat';
};

describe('OM(m) on the network', () => {
  it('fault-free networks give exactly the in-memory decisions and messages for the same traitor choices', () => {
    let cases = 0;
    let deviating = 0;
    let violations = 0;
    const configs: { n: number; m?: number }[] = [{ n: 3 }, { n: 3, m: 1 }, { n: 4 }, { n: 5, m: 2 }, { n: 7 }];
    for (const { n, m } of configs) {
      const subsets: number[][] = [[]];
      for (let a = 0; a < n; a++) {
        subsets.push([a]);
        for (let b = a + 1; b < n; b++) subsets.push([a, b]);
      }
      for (const traitors of subsets) {
        for (const commanderOrder of ['attack', 'retreat'] as Order[]) {
          for (const traitorStrategy of ['flip', 'split', lie] as TraitorStrategy[]) {
            const memory = new OralMessages({ generals: n, m, traitors, commanderOrder, traitorStrategy }).run();
            // Generals at addresses n, n − 1, …, 1 of n + 2 agents: general numbers and addresses differ.
            const generals = Array.from({ length: n }, (_, i) => n - i);
            const trace = new Trace(true);
            const seed = 100 * n + cases;
            // Fault-free: latency spread, reordering and duplication, but no loss, partition or crash.
            const net = new Network(
              n + 2,
              { ...CLEAN, reorderProbability: 0.3, duplicationProbability: 0.2 },
              new Prng(seed),
              trace,
            );
            const out = runOralMessagesOnNetwork({
              net,
              proposalId: 'p',
              generals,
              m,
              traitors,
              commanderOrder,
              traitorStrategy,
            });
            const what = JSON.stringify({ n, m, traitors, commanderOrder, s: String(traitorStrategy).slice(0, 5) });
            expect(out.decisions, what).toEqual(memory.decisions);
            expect([out.agreement, out.validity, out.violation], what).toEqual([
              memory.agreement,
              memory.validity,
              memory.violation,
            ]);
            expect([out.messages, out.delivered, out.missing, out.late], what).toEqual([
              memory.messages,
              memory.messages,
              0,
              0,
            ]);
            // Every message on the wire is one of the in-memory log's (path, recipient, value), and vice versa.
            const general = new Map(generals.map((a, i) => [a, i]));
            const wire = decodeAll(trace.columns())
              .flatMap((e) => (e.kind === 'messageSent' && isOm(e) ? [e] : []))
              .map((e) => {
                const p = e.payload as OralMessagePayload;
                return `${p.path.map((a) => general.get(a)).join('.')}>${general.get(e.to)}:${p.value}`;
              })
              .sort();
            const log = memory.log.map((x) => `${x.path.join('.')}>${x.to}:${x.value}`).sort();
            expect(wire, what).toEqual(log);
            cases++;
            if (Object.values(memory.decisions).some((d) => d !== commanderOrder)) deviating++;
            if (memory.violation) violations++;
          }
        }
      }
    }
    // The comparison covers runs where lieutenants do not simply obey, and runs that break IC1/IC2.
    expect(cases).toBe(2 * 3 * (7 + 7 + 11 + 16 + 29));
    expect(deviating).toBeGreaterThan(50);
    expect(violations).toBeGreaterThan(20);
  });

  it('message counts on a fault-free network are M(n, m): 9, 156, 3,609 for n = 4, 7, 10', () => {
    const counts = [4, 7, 10].map((n) => {
      const { meta, events } = omVote({ seed: n, n, network: { reorderProbability: 0.5 } });
      const sent = events.filter((e) => e.kind === 'messageSent' && isOm(e)).length;
      const delivered = events.filter((e) => e.kind === 'messageDelivered' && isOm(e)).length;
      expect(meta).toMatchObject({ agreement: true, validity: true, missing: 0, m: (n - 1) / 3 });
      expect([meta.delivered, meta.expectedMessages, sent, delivered]).toEqual([
        meta.messages,
        meta.messages,
        meta.messages,
        meta.messages,
      ]);
      return meta.messages;
    });
    expect(counts).toEqual([9, 156, 3609]);
    expect([4, 7, 10].map((n) => oralMessageCount(n, (n - 1) / 3))).toEqual(counts);
  });

  it('4 generals with 1 traitor agree in every traitor position (commander included), over many seeds', () => {
    for (let traitor = 0; traitor < 4; traitor++) {
      for (let seed = 1; seed <= 25; seed++) {
        const { result, meta } = omVote({
          seed,
          n: 4,
          behaviours: { [traitor]: 'equivocate' },
          network: { reorderProbability: 0.3, duplicationProbability: 0.2 },
        });
        const what = `traitor ${traitor}, seed ${seed}`;
        expect(meta.traitors, what).toEqual([`agent-${traitor + 1}`]);
        expect(meta.violation, what).toBeUndefined();
        const decisions = Object.values(meta.decisions as Record<string, Order>);
        expect(decisions, what).toHaveLength(traitor === 0 ? 3 : 2);
        expect(new Set(decisions).size, what).toBe(1);
        // A loyal commander ordered attack: IC2 makes the loyal lieutenants attack.
        if (traitor !== 0) expect(result.decision, what).toBe('approved');
      }
    }
  });

  it('3 generals with 1 traitor: a seed search finds loyal lieutenants that disagree, and the seed replays it', () => {
    const run = (seed: number) => omVote({ seed, n: 3, behaviours: { 0: 'equivocate' } });
    const found = findCounterexample({
      run,
      violation: (r) =>
        r.meta.violation as { rule: string; witnesses: { agentId: string; order: Order }[] } | undefined,
      maxSeeds: 100,
    });
    expect(found.found).toBe(true);
    if (!found.found) return;
    expect(found.violation.rule).toBe('IC1');
    expect(found.violation.witnesses.map((w) => w.agentId)).toEqual(['agent-2', 'agent-3']);
    expect(new Set(found.violation.witnesses.map((w) => w.order)).size).toBe(2);
    const again = run(found.seed);
    expect(again.result).toEqual(found.result.result);
    expect(again.trace.hash()).toBe(found.result.trace.hash());
  });

  it('a partition that cuts a lieutenant off from the start makes it decide retreat (missing = retreat)', () => {
    const clean = omVote({ seed: 7, n: 4 });
    expect(clean.meta.decisions).toEqual({ 'agent-2': 'attack', 'agent-3': 'attack', 'agent-4': 'attack' });
    const cut = omVote({ seed: 7, n: 4, before: (net) => net.partition([[3]]) });
    expect(cut.meta.decisions).toEqual({ 'agent-2': 'attack', 'agent-3': 'attack', 'agent-4': 'retreat' });
    expect(cut.meta.violation).toEqual({
      rule: 'IC1',
      witnesses: [
        { agentId: 'agent-2', order: 'attack' },
        { agentId: 'agent-3', order: 'attack' },
        { agentId: 'agent-4', order: 'retreat' },
      ],
    });
    // Agent 4 misses the order and 2 relays; agents 2 and 3 miss agent 4's relay each: 5 of 9, all dropped by the partition.
    expect(cut.meta).toMatchObject({ messages: 9, delivered: 4, missing: 5 });
    const dropped = cut.events.filter((e) => e.kind === 'messageDropped' && isOm(e) && e.reason === 'partition');
    expect(dropped).toHaveLength(5);
  });

  it('a partition after round 0 still flips the cut-off lieutenant: it heard attack once, then only defaults', () => {
    const roundMs = defaultOralRoundMs(new Network(1, CLEAN, new Prng(1), new Trace(false)));
    const cut = omVote({
      seed: 8,
      n: 4,
      before: (net) => net.scheduleFault({ kind: 'partition', atMs: net.now + roundMs, groups: [[3]] }),
    });
    // Agent 4 got the commander's attack, but both relays it should get count as retreat: majority retreat.
    expect(cut.meta.decisions).toEqual({ 'agent-2': 'attack', 'agent-3': 'attack', 'agent-4': 'retreat' });
    expect(cut.meta).toMatchObject({ delivered: 5, missing: 4 });
  });

  it('loss: every lost message counts as retreat; total loss makes every loyal lieutenant retreat', () => {
    const all = omVote({ seed: 3, n: 7, network: { lossProbability: 1 } });
    expect(all.meta).toMatchObject({ messages: 156, delivered: 0, missing: 156, validity: false });
    expect(new Set(Object.values(all.meta.decisions as object))).toEqual(new Set(['retreat']));
    expect((all.meta.violation as { rule: string }).rule).toBe('IC2');
    expect(all.result.decision).toBe('rejected');

    const some = omVote({ seed: 4, n: 7, network: { lossProbability: 0.2 } });
    const lost = some.events.filter((e) => e.kind === 'messageDropped' && isOm(e) && e.reason === 'loss').length;
    expect(lost).toBeGreaterThan(10);
    expect(some.meta).toMatchObject({ messages: 156, missing: lost, delivered: 156 - lost });
  });

  it('latency beyond the round: late messages are ignored and count as retreat', () => {
    const late = omVote({ seed: 5, n: 4, options: { roundMs: 10 }, network: { latencyMsMin: 10, latencyMsMax: 12 } });
    // Every flight takes 10–12 ms, so nothing arrives within its 10 ms round: the orders land in round 1
    // (late, ignored); the relays would land after the last round.
    expect(late.meta).toMatchObject({ roundMs: 10, delivered: 0, missing: 9, lateMessages: 3 });
    expect(new Set(Object.values(late.meta.decisions as object))).toEqual(new Set(['retreat']));
  });

  it('a loyal lieutenant that crashes decides nothing and is reported; a silent traitor counts as retreat', () => {
    const crash = omVote({ seed: 6, n: 4, before: (net) => net.scheduleFault({ kind: 'crash', atMs: 30, agent: 2 }) });
    expect(crash.meta.crashed).toEqual(['agent-3']);
    expect(crash.meta.decisions).toEqual({ 'agent-2': 'attack', 'agent-4': 'attack' });
    const silent = omVote({ seed: 6, n: 4, behaviours: { 2: 'silent' } });
    expect(silent.meta).toMatchObject({ traitors: ['agent-3'], agreement: true, validity: true, messages: 7 });
    expect(silent.meta.decisions).toEqual({ 'agent-2': 'attack', 'agent-4': 'attack' });
  });

  it('is deterministic per seed (result and trace hash), and seeds differ', () => {
    const setup = (seed: number): Setup => ({
      seed,
      n: 7,
      behaviours: { 0: 'random', 3: 'equivocate' },
      network: { lossProbability: 0.05, duplicationProbability: 0.1, reorderProbability: 0.2 },
    });
    const a = omVote(setup(11));
    const b = omVote(setup(11));
    expect(b.result).toEqual(a.result);
    expect(b.trace.hash()).toBe(a.trace.hash());
    const hashes = new Set([1, 2, 3, 4, 5].map((seed) => omVote(setup(seed)).trace.hash()));
    expect(hashes.size).toBe(5);
  });

  it('the trace is in time order: messages inside their rounds, roundEnd per round, then the decisions', () => {
    const { events, meta, result } = omVote({
      seed: 9,
      n: 7,
      behaviours: { 4: 'equivocate' },
      network: { reorderProbability: 0.4 },
    });
    for (let i = 1; i < events.length; i++) expect(events[i].t).toBeGreaterThanOrEqual(events[i - 1].t);
    expect(engine(events, 'omMessage')).toHaveLength(0);
    const t0 = engine(events, 'consensusRequest')[0].t;
    const roundMs = meta.roundMs as number;
    expect(roundMs).toBe(2 * 50 + 1);
    expect(engine(events, 'roundEnd').map((e) => e.t - t0)).toEqual([1, 2, 3].map((r) => r * roundMs));
    for (const e of events) {
      if (!isOm(e) || (e.kind !== 'messageSent' && e.kind !== 'messageDelivered')) continue;
      const round = (e.payload as OralMessagePayload).round;
      expect(e.tag).toBe(round === 0 ? OM_ORDER_TAG : OM_RELAY_TAG);
      if (e.kind === 'messageSent') expect(e.t - t0).toBe(round * roundMs);
      else expect(e.t - t0).toBeLessThan((round + 1) * roundMs);
    }
    const decided = engine(events, 'decided');
    const end = t0 + 3 * roundMs;
    expect(result.durationMs).toBe(3 * roundMs);
    expect(decided.map((e) => e.t)).toEqual(Array(6).fill(end));
    // Overall first (by the commander, agent 0), then one per loyal lieutenant with its order.
    expect(decided[0]).toMatchObject({ agent: 0, detail: { proposalId: 'om', decision: 'approved' } });
    expect(decided.slice(1).map((e) => [e.agent, (e.detail as { order: Order }).order])).toEqual(
      [1, 2, 3, 5, 6].map((a) => [a, 'attack']),
    );
  });
});
