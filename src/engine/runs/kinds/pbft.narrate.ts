/** The narration's words for a PBFT run's engine events and messages (see RunKindMeta.narrate). */
import { field, messageOf, num } from './narrateWords';

/** A digest as the narration shows it: its first eight hex digits. */
const short = (detail: unknown) => {
  const d = field(detail, 'digest');
  return typeof d === 'string' ? `${d.slice(0, 8)}…` : 'a request';
};

/** What a PBFT message carries, in words; from its tag alone when the event carries no payload (a drop). */
function messageWords(detail: unknown): string | null {
  const { tag, payload } = messageOf(detail);
  const view = num(payload, 'view');
  const seq = num(payload, 'seq');
  switch (tag) {
    case 'pbft-pre-prepare':
      return seq === undefined || view === undefined
        ? 'the order of a request (a pre-prepare)'
        : `the order: request ${short(payload)} is number ${seq} in view ${view}`;
    case 'pbft-prepare':
      return seq === undefined ? 'a prepare (“prepared”)' : `“prepared ${short(payload)} as number ${seq}”`;
    case 'pbft-commit':
      return seq === undefined ? 'a commit (“ready to commit”)' : `“ready to commit number ${seq}”`;
    case 'pbft-view-change':
      return view === undefined ? 'a request to change the view' : `a request to move to view ${view}`;
    case 'pbft-new-view':
      return view === undefined ? 'the start of a new view' : `the start of view ${view}`;
    default:
      return null;
  }
}

export function narratePbft(name: string, detail: unknown, agent: string, _peer: string | null): string | null {
  const seq = num(detail, 'seq');
  const view = num(detail, 'view');
  switch (name) {
    case 'message':
      return messageWords(detail);
    case 'requestReceived':
      return `${agent} received client request ${num(detail, 'request')} (${short(detail)})`;
    case 'prePrepared':
      return `${agent} accepted the order: ${short(detail)} is number ${seq} in view ${view}`;
    case 'prepared':
      return `${agent} prepared number ${seq}: a quorum agrees on its request`;
    case 'committed':
      return `${agent} committed number ${seq} locally`;
    case 'executed':
      return num(detail, 'request') === -1
        ? `${agent} executed number ${seq}: the null request of a view change`
        : `${agent} executed number ${seq}${field(detail, 'duplicate') === true ? ' (a request it had run before, skipped)' : ''}`;
    case 'viewChangeStarted':
      return `${agent} gave up on the primary and asked for view ${view}`;
    case 'viewEntered':
      return `${agent} entered view ${view}`;
    case 'requestCommitted':
      return `the client has f + 1 matching replies: request ${num(detail, 'request')} is committed as number ${seq}`;
    case 'propertyViolated':
      return `${agent}: a safety property broke here`;
    default:
      return null;
  }
}
