import { type RunSummary, resultOf } from '../worker/protocol';
import { count, lessonScenario } from './build';
import type { Lesson } from './types';

const delegation = (crash: boolean) =>
  lessonScenario(
    crash ? 'Delegation, agent 3 crashes' : 'Delegation',
    5,
    { agentCount: 6, builder: { kind: 'star' } },
    {
      kind: 'delegation',
      strategy: 'least-loaded',
      tasks: 60,
      ...(crash ? { crash: { agent: 'agent-3', atMs: 300 } } : {}),
    },
  );

const nothingLost = (s: RunSummary) => {
  const r = resultOf(s, 'delegation');
  return r !== undefined && r.completed === 60 && r.tasksLost === 0 && r.resultSum === r.expectedResultSum;
};

/** The learner's run: crashes found, tasks reassigned and completed, and the result sum against the expected one. */
function tasks(s: RunSummary): string | null {
  const r = resultOf(s, 'delegation');
  if (!r) return null;
  const found = r.detections.map((d) => `${d.agent} was found crashed at ${count(d.atMs)} ms; `).join('');
  const sum =
    r.resultSum === r.expectedResultSum
      ? `the results add up to ${count(r.resultSum)}, as expected`
      : `the results add up to ${count(r.resultSum)} where ${count(r.expectedResultSum)} was expected`;
  return `Your run: ${found}${r.reassignments} tasks reassigned; ${r.completed} of ${r.tasks} completed by ${count(r.makespanMs)} ms; ${sum}.`;
}

export const delegationCrash: Lesson = {
  id: 'delegation-crash',
  title: 'Task delegation when an agent crashes',
  summary: 'The delegator notices the silence, reassigns the work, and nothing is lost.',
  steps: [
    {
      title: 'Everyone healthy',
      text: 'Agent 1, the hub of a star, hands out 60 tasks to the least-loaded worker. Each result is checked against the expected sum.',
      scenario: delegation(false),
      highlight: 'Run',
      focus: {
        look: 'agent-1, the hub, is outlined: every task leaves from it and every result comes back to it.',
        agents: ['agent-1'],
        messages: ['task_assign', 'task_result'],
      },
      observe: {
        text: 'Every task completes, none reassigned.',
        seen: (s) => nothingLost(s) && resultOf(s, 'delegation')?.reassignments === 0,
        measured: tasks,
      },
    },
    {
      title: 'Agent 3 crashes at 300 ms',
      text: 'Agent 3 stops answering mid-run. Its heartbeat times out, the delegator detects the crash and gives its unfinished tasks to others.',
      scenario: delegation(true),
      highlight: 'Run',
      focus: {
        look: 'agent-3, which crashes, and agent-1, which must notice, are outlined; after the run, so is every agent found crashed.',
        agents: ['agent-3', 'agent-1'],
        fromRun: (s) => resultOf(s, 'delegation')?.detections.map((d) => d.agent) ?? [],
        messages: ['heartbeat', 'heartbeat_ack'],
        moment: 'end',
      },
      observe: {
        text: 'A detection, some reassignments, and still every task done with the right result sum.',
        seen: (s) => nothingLost(s) && (resultOf(s, 'delegation')?.reassignments ?? 0) > 0,
        measured: tasks,
      },
      tryThis: ['Change the strategy to round-robin and compare the makespan.'],
    },
  ],
};
