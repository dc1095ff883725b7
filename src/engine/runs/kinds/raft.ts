import {
  type RaftPropertyName,
  type RaftSummary,
  type RaftVerdict,
  runRaft,
  validateRaftParams,
} from '../../consensus/raft';
import { check } from '../../core/errors';
import type { Warning } from '../advice';
import { estimateRaft } from '../budgetLeaders';
import type { RunKindDescriptor, ScenarioOf, Violation } from '../kind';
import { paramsOf } from './params';
import { RAFT_PROPERTY_META, type RaftPropertyId, raftMeta } from './raft.meta';
import { plain } from './violation';

/** The engine's name of each safety property. */
const ENGINE_NAME: Record<Exclude<RaftPropertyId, 'every-command-committed'>, RaftPropertyName> = {
  'election-safety': 'electionSafety',
  'leader-append-only': 'leaderAppendOnly',
  'log-matching': 'logMatching',
  'leader-completeness': 'leaderCompleteness',
  'state-machine-safety': 'stateMachineSafety',
};

/** What each teaching switch breaks, in the words of its warning. */
const SWITCHES = {
  skipUpToDateCheck: 'votes are granted without checking that the candidate’s log is at least as up to date',
  commitPreviousTermsByCounting:
    'a leader commits entries of earlier terms by counting the servers that store them (the paper’s Figure 8)',
} as const;

const teachingWarning = (what: string): Warning['message'] =>
  `Teaching switch on: ${what} — safety is not guaranteed (try "Find a counterexample").`;

function raftAdvice(scenario: ScenarioOf<'raft'>): Warning[] {
  const params = validateRaftParams(paramsOf(scenario.run));
  const agents = scenario.topology.agents;
  const voter = params.teaching.doubleVoter;
  if (voter !== null) {
    check(
      agents.some((a) => a.id === voter),
      'run.teaching.doubleVoter',
      `is not the id of any agent ("${voter}")`,
    );
  }
  const warnings: Warning[] = [];
  for (const key of Object.keys(SWITCHES) as (keyof typeof SWITCHES)[]) {
    if (params.teaching[key]) warnings.push({ field: `run.teaching.${key}`, message: teachingWarning(SWITCHES[key]) });
  }
  if (voter !== null)
    warnings.push({
      field: 'run.teaching.doubleVoter',
      message: teachingWarning(`${voter} votes twice in a term`),
    });
  return warnings;
}

/** A violated safety property in words, with each witness's part in it. */
function violationOf(id: keyof typeof ENGINE_NAME, verdict: RaftVerdict): Violation {
  const label = RAFT_PROPERTY_META[id].label;
  const w = verdict.witness;
  if (!w) return plain(label, `Violated ${verdict.violations} times.`);
  const more = verdict.violations > 1 ? `; ${verdict.violations} violations in all` : '';
  const [a, b] = w.agents;
  const [t0, t1] = w.terms;
  const [index] = w.indices;
  const details: Record<typeof id, string[]> = {
    'election-safety': [`became leader of term ${t0}`, `also became leader of term ${t0}`],
    'leader-append-only': [`as leader of term ${t0}, deleted its entries from index ${index}`],
    'log-matching': [
      `holds an entry of term ${t0} at index ${index}`,
      `holds an entry of term ${t0} at index ${index} too, after a different log`,
    ],
    'leader-completeness': [
      `committed the entry at index ${index} in term ${t0}`,
      `became leader of term ${t1} without that entry`,
    ],
    'state-machine-safety': [
      `applied an entry of term ${t0} at index ${index}`,
      `applied a different entry, of term ${t1}, at index ${index}`,
    ],
  };
  return {
    property: label,
    message: `${w.explanation} (at ${w.atMs} ms${more}).`,
    witnesses: [a, b].flatMap((agentId, k) =>
      agentId === undefined || details[id][k] === undefined ? [] : [{ agentId, detail: details[id][k] }],
    ),
  };
}

function everyCommandCommitted(r: RaftSummary): Violation | undefined {
  if (r.allCommitted) return undefined;
  const missing = r.commands.filter((c) => c.committedAtMs === null);
  const named = missing
    .slice(0, 5)
    .map((c) => `“${c.value}” (issued at ${c.atMs} ms)`)
    .join(', ');
  return plain(
    RAFT_PROPERTY_META['every-command-committed'].label,
    `${missing.length} of ${r.commands.length} commands were never committed: ${named}${missing.length > 5 ? ', …' : ''}.`,
  );
}

export const raftKind: RunKindDescriptor<'raft', RaftSummary> = {
  meta: raftMeta,
  estimate: estimateRaft,
  advise: raftAdvice,
  run: (ctx, scenario) => runRaft(ctx, validateRaftParams(paramsOf(scenario.run))),
  check(id, r) {
    if (id === 'every-command-committed') return everyCommandCommitted(r);
    const name = ENGINE_NAME[id as keyof typeof ENGINE_NAME];
    const verdict = r.properties.find((p) => p.name === name);
    return verdict && !verdict.held ? violationOf(id as keyof typeof ENGINE_NAME, verdict) : undefined;
  },
};
