import { type RunSummary, resultOf } from '../worker/protocol';
import { lessonScenario } from './build';
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
      observe: {
        text: 'All 60 tasks complete, none reassigned.',
        seen: (s) => nothingLost(s) && resultOf(s, 'delegation')?.reassignments === 0,
      },
    },
    {
      title: 'Agent 3 crashes at 300 ms',
      text: 'Agent 3 stops answering mid-run. Its heartbeat times out, the delegator detects the crash and gives its unfinished tasks to others.',
      scenario: delegation(true),
      highlight: 'Run',
      observe: {
        text: 'A detection, some reassignments, and still all 60 tasks with the right result sum.',
        seen: (s) => nothingLost(s) && (resultOf(s, 'delegation')?.reassignments ?? 0) > 0,
      },
      tryThis: ['Change the strategy to round-robin and compare the makespan.'],
    },
  ],
};
