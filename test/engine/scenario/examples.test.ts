/**
 * Every example in public/scenarios and every scenario a lesson loads says what it holds: the
 * facts its name and description state (agent counts, algorithm, mode, f, tasks, keys, crashes,
 * partitions, weights, …) are read out of the text by the patterns below and compared with the
 * parsed scenario. A description that says 100 agents over a 20-agent swarm fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../../src/engine/scenario';
import { LESSONS } from '../../../src/lessons';

const DIR = join(__dirname, '..', '..', '..', 'public', 'scenarios');

/** One fact a text states: what it says, and what the scenario holds. */
interface Claim {
  text: string;
  stated: unknown;
  actual: unknown;
}

type Check = (m: RegExpMatchArray, s: Scenario) => { stated: unknown; actual: unknown };

const WORDS: Record<string, number> = {
  no: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  'a million': 1_000_000,
};
const NUM = `(\\d[\\d,]*|${Object.keys(WORDS).join('|')})`;
const number = (s: string) => WORDS[s.toLowerCase()] ?? Number(s.replace(/,/g, ''));

// ---- what a scenario holds ----

const run = (s: Scenario) => s.run as Record<string, unknown> & { kind: string };
const agentCount = (s: Scenario) => (run(s).agentCount as number | undefined) ?? s.topology.agents.length;
const agent = (s: Scenario, id: string) => s.topology.agents.find((a) => a.id === id);
const behaving = (s: Scenario, test: (b: string) => boolean) =>
  s.topology.agents.filter((a) => test(a.behaviour)).length;
const voting = (s: Scenario, vote: string) =>
  s.topology.agents.filter((a) => a.policy.kind === 'fixed' && a.policy.vote === vote).map((a) => a.id);
const faults = (s: Scenario, kind: string) => s.network.faults.filter((f) => f.kind === kind);
const crashes = (s: Scenario) => [
  ...(run(s).crash ? [run(s).crash as { agent: string; atMs: number }] : []),
  ...faults(s, 'crash').map((f) => f as { agent: string; atMs: number }),
];
const idRange = (from: string, to: string) =>
  Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => `agent-${Number(from) + i}`);
const is = (stated: unknown, actual: unknown) => ({ stated, actual });
const holds = (ok: boolean) => is(true, ok);

/**
 * Facts with numbers, most specific first: the text a pattern matched is blanked out, so
 * "3 equivocating agents" is not read again as "3 agents".
 */
const NUMBER_CLAIMS: [RegExp, Check][] = [
  [
    /agents (\d+)[–-](\d+) approve, (\d+)[–-](\d+) reject/i,
    (m, s) => is([idRange(m[1], m[2]), idRange(m[3], m[4])], [voting(s, 'for'), voting(s, 'against')]),
  ],
  [
    /(\d+) for, (\d+) against/,
    (m, s) => is([number(m[1]), number(m[2])], [voting(s, 'for').length, voting(s, 'against').length]),
  ],
  [
    new RegExp(`\\b${NUM} equivocating( agents)?`, 'i'),
    (m, s) =>
      is(
        number(m[1]),
        behaving(s, (b) => b === 'equivocate'),
      ),
  ],
  [
    new RegExp(`\\b${NUM} stubborn( agents)?`, 'i'),
    (m, s) =>
      is(
        number(m[1]),
        behaving(s, (b) => b === 'stubborn'),
      ),
  ],
  [
    new RegExp(`\\b${NUM} malicious( agents)?`, 'i'),
    (m, s) =>
      is(
        number(m[1]),
        behaving(s, (b) => b !== 'honest'),
      ),
  ],
  [new RegExp(`\\b${NUM} (agents|replicas|generals)\\b`, 'i'), (m, s) => is(number(m[1]), agentCount(s))],
  [/\bn = (\d+)/, (m, s) => is(number(m[1]), agentCount(s))],
  [/\bf = (\d+)/, (m, s) => is(number(m[1]), run(s).faultTolerance)],
  [new RegExp(`\\b${NUM} tasks`, 'i'), (m, s) => is(number(m[1]), run(s).tasks)],
  [new RegExp(`\\b${NUM} keys`, 'i'), (m, s) => is(number(m[1]), run(s).keys)],
  [new RegExp(`\\b${NUM} changed`, 'i'), (m, s) => is(number(m[1]), run(s).changedKeys)],
  [/\bfanout (\d+)/i, (m, s) => is(number(m[1]), run(s).fanout)],
  [/\b(\d+) rounds/i, (m, s) => is(number(m[1]), run(s).rounds ?? run(s).numRounds ?? run(s).maxRounds)],
  [/\bthreshold (\d*\.?\d+)/i, (m, s) => is(Number(m[1]), run(s).threshold)],
  [/\bOM\((\d+)\)/, (m, s) => is(number(m[1]), run(s).m ?? ((run(s).numRounds as number) ?? 0) - 1)],
  [
    /\b(agent-\d+|agent (\d+)) crashes( at (\d+) ms)?/i,
    (m, s) => {
      const id = m[2] ? `agent-${m[2]}` : m[1];
      const at = m[4] === undefined ? undefined : number(m[4]);
      return holds(crashes(s).some((c) => c.agent === id && (at === undefined || c.atMs === at)));
    },
  ],
  [/drops (\d+)% of messages/i, (m, s) => is(number(m[1]) / 100, s.network.lossProbability)],
  [
    /splits at t ?= ?(\d+) ms for (\d+) ms/i,
    (m, s) => {
      const at = number(m[1]);
      return is(
        [at, at + number(m[2])],
        [faults(s, 'partition')[0]?.atMs, faults(s, 'heal').find((f) => f.atMs > at)?.atMs],
      );
    },
  ],
  [
    /(agent-\d+) and (agent-\d+) are cut off/i,
    (m, s) =>
      holds(
        faults(s, 'partition').some((f) =>
          (f as { groups: string[][] }).groups.some((g) => g.length === 2 && g.includes(m[1]) && g.includes(m[2])),
        ),
      ),
  ],
  [
    /\b([a-z]+-\d+) (\d+\.\d+)/,
    (m, s) => {
      const weights = run(s).agentWeights as Record<string, number> | undefined;
      return is(Number(m[2]), weights?.[m[1]] ?? agent(s, m[1])?.weight);
    },
  ],
  [
    /\b(agent-\d+) is a traitor/i,
    (m, s) => is('a traitor', agent(s, m[1])?.behaviour === 'honest' ? 'honest' : 'a traitor'),
  ],
  [/loyal commander (agent-\d+)/i, (m, s) => is('honest', agent(s, m[1])?.behaviour)],
  [/traitorous commander/i, (_m, s) => holds(s.topology.agents[0].behaviour !== 'honest')],
  [
    /a traitorous lieutenant/i,
    (_m, s) => is(1, behaving(s, (b) => b !== 'honest') - (s.topology.agents[0].behaviour === 'honest' ? 0 : 1)),
  ],
  [/(agent-\d+) floods/i, (m, s) => is(m[1], run(s).origin)],
];

/** Facts in words: the kind, the algorithm, the mode, the topology, the faults. */
const WORD_CLAIMS: [RegExp, Check][] = [
  [/bracha|reliable broadcast|byzantine agreement/i, (_m, s) => is('byzantine', run(s).algorithm)],
  [/\bgenerals\b|\bOM\(/i, (_m, s) => is('oral-messages', run(s).algorithm)],
  [/\bgossip\b/i, (_m, s) => is('gossip', run(s).algorithm)],
  [/\bquorum\b/i, (_m, s) => is('quorum', run(s).algorithm)],
  [/\bweighted\b/i, (_m, s) => is('weighted', run(s).algorithm)],
  [/\b(simple|supermajority|unanimous)\b/i, (m, s) => is(m[1].toLowerCase(), run(s).mode)],
  [/\b(push-pull|push|pull)\b/i, (m, s) => is(m[1].toLowerCase(), run(s).mode)],
  [/\b(full|delta|version-query) sync\b/i, (m, s) => is(m[1].toLowerCase(), run(s).mode)],
  [/\b(round-robin|least-loaded|consistent-hash)\b/i, (m, s) => is(m[1], run(s).strategy)],
  [/\bG-Counter\b/, (_m, s) => is('counter', run(s).crdtType)],
  [/\breplicated (counter|pn-counter|set|or-set|map|register)\b/i, (m, s) => is(m[1].toLowerCase(), run(s).crdtType)],
  [/small world|watts–strogatz/i, (_m, s) => is('small-world', s.topology.builder.kind)],
  [/\b(star|ring|mesh)\b/i, (m, s) => is(m[1].toLowerCase(), s.topology.builder.kind)],
  [/\brumou?r\b/i, (_m, s) => is('rumor', run(s).kind)],
  [/\bflood/i, (_m, s) => is('flood', run(s).kind)],
  [/\bdelegation\b/i, (_m, s) => is('delegation', run(s).kind)],
  [/\bsync\b/i, (_m, s) => is('sync', run(s).kind)],
  [/\breplicated\b|\breplicas\b/i, (_m, s) => is('replicated-state', run(s).kind)],
  [/\bpartition|cut off|splits\b/i, (_m, s) => holds(faults(s, 'partition').length > 0)],
  [/\bheal(s|ed|ing)?\b/i, (_m, s) => holds(faults(s, 'heal').length > 0)],
  [/\bcrash(es|ed)?\b/i, (_m, s) => holds(crashes(s).length > 0)],
  [/\baggregate\b|no topology/i, (_m, s) => holds(run(s).agentCount !== undefined)],
];

/** Every fact the text states, each with what the scenario holds. */
function claimsOf(text: string, s: Scenario): Claim[] {
  const out: Claim[] = [];
  let rest = text;
  for (const [pattern, check] of NUMBER_CLAIMS) {
    for (const m of rest.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) {
      out.push({ text: m[0], ...check(m, s) });
      rest = rest.replace(m[0], ' '.repeat(m[0].length));
    }
  }
  for (const [pattern, check] of WORD_CLAIMS) {
    const m = text.match(pattern);
    if (m) out.push({ text: m[0], ...check(m, s) });
  }
  // Every agent the text names exists.
  for (const m of text.matchAll(/\b(agent|expert|junior)-\d+\b/g)) {
    out.push({ text: m[0], stated: m[0], actual: agent(s, m[0])?.id });
  }
  return out;
}

function examples(): { file: string; scenario: Scenario }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, scenario: parseScenario(readFileSync(join(DIR, file), 'utf8')) }));
}

/** A lesson's scenarios have a name, and the step that loads one a title: both say what it holds. */
function lessonScenarios(): { step: string; scenario: Scenario; says: string }[] {
  return LESSONS.flatMap((lesson) =>
    lesson.steps.flatMap((step) => {
      if (!step.scenario) return [];
      const scenario = parseScenario(step.scenario);
      return [{ step: `${lesson.id}: ${step.title}`, scenario, says: `${scenario.name ?? ''}. ${step.title}.` }];
    }),
  );
}

const wrong = (claims: Claim[]) =>
  claims
    .filter((c) => JSON.stringify(c.stated) !== JSON.stringify(c.actual))
    .map((c) => `"${c.text}" says ${JSON.stringify(c.stated)}, the scenario holds ${JSON.stringify(c.actual)}`);

describe('examples say what they hold', () => {
  it('there are examples, each with a name and a description', () => {
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const { file, scenario } of all) {
      expect(scenario.name, file).toBeTruthy();
      expect(scenario.description, file).toBeTruthy();
    }
  });

  it.each(examples().map((e) => [e.file, e.scenario] as const))('%s', (_file, scenario) => {
    const claims = claimsOf(`${scenario.name}. ${scenario.description}`, scenario);
    // A description must state something checkable: at least a number and the kind of run.
    expect(claims.length).toBeGreaterThanOrEqual(3);
    expect(wrong(claims)).toEqual([]);
  });

  it.each(lessonScenarios().map((l) => [l.step, l.scenario, l.says] as const))('lesson %s', (_step, scenario, says) => {
    const claims = claimsOf(says, scenario);
    expect(claims.length).toBeGreaterThanOrEqual(1);
    expect(wrong(claims)).toEqual([]);
  });

  it('the patterns catch a wrong number, a wrong algorithm, a missing crash and an unknown agent', () => {
    const [{ scenario }] = examples().filter((e) => e.file === 'delegation-crash.json');
    const said = (text: string) => wrong(claimsOf(text, scenario));
    expect(said('100 tasks on 10 agents, least-loaded; agent-3 crashes at 200 ms.')).toEqual([]);
    expect(said('100 tasks on 12 agents')).toHaveLength(1);
    expect(said('100 tasks, round-robin')).toHaveLength(1);
    expect(said('agent-4 crashes at 200 ms')).toHaveLength(1);
    expect(said('agent-3 crashes at 250 ms')).toHaveLength(1);
    expect(said('agent-11 waits')).toHaveLength(1);
    expect(said('a quorum vote')).toHaveLength(1);
    expect(said('everyone healthy')).toEqual([]);
  });
});
