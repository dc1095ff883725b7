/** The narration's words for a Raft run's engine events and messages (see RunKindMeta.narrate). */
import { count, field, messageOf, num, quote, str } from './narrateWords';

const ROLE = { leader: 'leader', candidate: 'a candidate', follower: 'a follower' } as const;

/** " in term 3", or '' when the payload names no term (a drop carries none). */
const inTerm = (term: number | undefined) => (term === undefined ? '' : ` in term ${term}`);

/** What a Raft message carries, in words; from its tag alone when the event carries no payload (a drop). */
function messageWords(detail: unknown): string | null {
  const { tag, payload } = messageOf(detail);
  const term = num(payload, 'term');
  switch (tag) {
    case 'raft-request-vote':
      return `a request for its vote${inTerm(term)}`;
    case 'raft-vote': {
      const granted = field(payload, 'granted');
      if (granted === undefined) return `an answer to a vote request${inTerm(term)}`;
      return granted === true
        ? `its vote${term === undefined ? '' : `, for term ${term}`}`
        : `a refusal${term === undefined ? '' : `, in term ${term}`}`;
    }
    case 'raft-append': {
      const entries = field(payload, 'entries');
      if (!Array.isArray(entries)) return `entries to append or a heartbeat${inTerm(term)}`;
      const of = term === undefined ? '' : ` of term ${term}`;
      return entries.length === 0
        ? `a heartbeat${of}`
        : `${count(entries.length, 'entry', 'entries')} to append${term === undefined ? '' : ` (term ${term})`}`;
    }
    case 'raft-append-reply': {
      const success = field(payload, 'success');
      const match = num(payload, 'matchIndex');
      if (success === true) return match === undefined ? '“appended”' : `“appended, up to entry ${match}”`;
      return success === false ? '“my log does not match yet”' : 'an answer to an append';
    }
    default:
      return null;
  }
}

export function narrateRaft(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  const term = num(detail, 'term');
  switch (name) {
    case 'message':
      return messageWords(detail);
    case 'roleChanged': {
      const role = str(detail, 'role') as keyof typeof ROLE | undefined;
      return `${agent} became ${role ? ROLE[role] : 'something'} in term ${term}`;
    }
    case 'voteGranted':
      return `${agent} voted for ${peer} in term ${term}${field(detail, 'second') === true ? ' — a second vote in the term (teaching switch)' : ''}`;
    case 'commandAccepted':
      return `${agent}, the leader, appended ${quote(str(detail, 'value'))} as entry ${num(detail, 'index')}`;
    case 'entriesAppended': {
      const cut = num(detail, 'truncatedFrom');
      const n = num(detail, 'count') ?? 0;
      return `${agent} appended ${count(n, 'entry', 'entries')} from ${peer}${cut !== undefined ? `, replacing its own from entry ${cut}` : ''}`;
    }
    case 'commitAdvanced':
      return `${agent} committed up to entry ${num(detail, 'commitIndex')}`;
    case 'entryApplied':
      return `${agent} applied ${quote(str(detail, 'value'))} (entry ${num(detail, 'index')})${field(detail, 'duplicate') === true ? ', a retried command it had already run' : ''}`;
    case 'serverRestarted':
      return `${agent} restarted with its term ${term} and its log of ${count(num(detail, 'logLength') ?? 0, 'entry', 'entries')}`;
    case 'propertyViolated':
      return `${agent}: a safety property broke here (${str(detail, 'property')})`;
    default:
      return null;
  }
}
