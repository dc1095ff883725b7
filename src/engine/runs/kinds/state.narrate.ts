/** The narration's words for replicated-state, sync and delegation runs (see RunKindMeta.narrate). */
import { count, field, messageOf, num, quote, str } from './narrateWords';

/** Replicated CRDT state: local writes, merges, convergence. */
export function narrateReplicatedState(
  name: string,
  detail: unknown,
  agent: string,
  peer: string | null,
): string | null {
  switch (name) {
    case 'message': {
      const tag = messageOf(detail).tag;
      return tag === 'state'
        ? 'its whole state'
        : tag === 'delta'
          ? 'its latest change'
          : tag === 'flush'
            ? 'its state (a final flush)'
            : null;
    }
    case 'localWrite': {
      const op = field(detail, 'op');
      const type = str(op, 'type') ?? 'write';
      const amount = num(op, 'amount');
      const key = str(op, 'key');
      return `${agent} wrote locally: ${type}${amount !== undefined ? ` ${amount}` : ''}${key ? ` on ${quote(key)}` : ''}`;
    }
    case 'merge':
      return `${agent} merged ${peer ? `${peer}'s` : 'a'} state${field(detail, 'changed') === false ? ' (nothing new)' : ''}`;
    case 'converged':
      return `${agent} holds the final value ${JSON.stringify(field(detail, 'value'))}`;
    default:
      return null;
  }
}

const SYNC_MODES: Record<string, string> = {
  full: 'a full sync (every key to every agent)',
  delta: 'a delta sync (each agent asks for what changed)',
  'version-query': 'a version query (agents compare versions first)',
};

const MISSED: Record<string, string> = {
  crashed: 'was crashed',
  partitioned: 'was cut off by a partition',
  'no-answer': 'did not answer in time',
  'no-ack': 'never acknowledged',
};

/** State synchronisation: the coordinator's steps and each agent's. */
export function narrateSync(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  switch (name) {
    case 'message':
      return `a ${messageOf(detail).tag.replace(/[_-]/g, ' ')}`;
    case 'full':
    case 'delta':
    case 'version-query':
      return `${agent} started ${SYNC_MODES[name]} of ${count(num(detail, 'agents') ?? 0, 'live agent')}`;
    case 'localWrite':
      return `${agent} changed ${quote(str(detail, 'stateKey'))}`;
    case 'applied': {
      const changes = num(detail, 'changes');
      return changes !== undefined
        ? `${agent} applied ${count(changes, 'change')} from ${peer ?? 'the coordinator'}`
        : `${agent} applied ${quote(str(detail, 'stateKey'))} version ${num(detail, 'version')}`;
    }
    case 'deltaRequest':
      return `${agent} sent ${peer ?? 'an agent'} ${count(num(detail, 'changes') ?? 0, 'change')} since version ${num(detail, 'sinceVersion')}`;
    case 'versionCompared':
      return `${agent} compared versions: ${count(num(detail, 'lacking') ?? 0, 'key')} to fetch`;
    case 'missed':
      return `${peer ?? 'an agent'} missed the update: it ${MISSED[str(detail, 'reason') ?? ''] ?? 'did not answer'}`;
    case 'conflict':
      return `${agent} found a conflict on ${quote(str(detail, 'stateKey'))}`;
    case 'resolved':
      return `${agent} resolved ${quote(str(detail, 'stateKey'))} by ${str(detail, 'strategy') ?? 'its strategy'}`;
    case 'stored':
      return `${agent} stored ${quote(str(detail, 'stateKey'))} version ${num(detail, 'version')}`;
    case 'storeFailed':
      return `${agent} could not store the state`;
    case 'request':
      return `${agent} asked every agent for ${quote(str(detail, 'stateKey'))}`;
    case 'response':
      return peer ? `${agent} got ${peer}'s version` : null;
    case 'broadcast':
      return `${agent} sent version ${num(detail, 'version')} of ${quote(str(detail, 'stateKey'))} to everyone`;
    case 'antiEntropy':
      return `${agent} and ${peer ?? 'a peer'} compared digests (anti-entropy)`;
    default:
      return null;
  }
}

const TASK_WORDS: Record<string, string> = {
  task_assign: 'a task',
  task_result: 'a result',
  result_ack: 'an acknowledgement',
  heartbeat: 'a heartbeat',
  heartbeat_ack: 'a heartbeat reply',
};

/** Task delegation: assignments, results, suspicion and reassignment. */
export function narrateDelegation(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  const task = str(detail, 'task') ?? 'a task';
  const other = peer ?? 'an agent';
  switch (name) {
    case 'message':
      return TASK_WORDS[messageOf(detail).tag] ?? null;
    case 'taskAssigned':
      return `${other} gave ${task} to ${agent}`;
    case 'taskStarted':
      return `${agent} started ${task}`;
    case 'taskFinished':
      return `${agent} finished ${task}`;
    case 'taskResent':
      return `${agent} sent the result of ${task} again`;
    case 'taskReassigned':
      return `${task} of ${other} went to ${agent}`;
    case 'taskLost':
      return `${task} was lost with ${agent}`;
    case 'resultRecorded':
      return `${agent} recorded the result of ${task} from ${other}`;
    case 'resultDuplicated':
      return `${agent} ignored a second result of ${task} from ${other}`;
    case 'agentSuspected':
      return `${agent} suspects ${other}: silent for ${num(detail, 'silentMs') ?? '?'} ms`;
    case 'agentRejoined':
      return `${other} is back: ${agent} trusts it again`;
    case 'workerStateLost':
      return `${agent} lost its work in progress`;
    default:
      return null;
  }
}
