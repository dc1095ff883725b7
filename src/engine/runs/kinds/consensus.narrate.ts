/**
 * The narration's words for a consensus run's engine events and messages (see RunKindMeta.narrate).
 * Byzantine messages are tagged `<phase>:<vote>:<owner>` (reliable broadcast's SEND, ECHO and READY).
 */
import { count, field, messageOf, num, quote, str } from './narrateWords';

/** "agent-3's", or "someone's" when the event names no peer. */
const whose = (peer: string | null) => (peer ? `${peer}'s` : "someone's");

const PHASE_TAG = /^(send|echo|ready):(for|against|abstain):\d+$/;

/** What a consensus message carries, in words, or null for its tag. */
function messageWords(detail: unknown): string | null {
  const { tag, payload } = messageOf(detail);
  const phase = PHASE_TAG.exec(tag);
  if (phase)
    return phase[1] === 'send'
      ? quote(phase[2])
      : `${phase[1] === 'echo' ? 'an echo' : 'a ready'} of ${quote(phase[2])}`;
  if (tag === 'consensus_request') return 'a request to vote';
  if (tag === 'gossip-pull') return 'a request for its vote';
  const vote = str(payload, 'vote') ?? str(payload, 'value');
  if (vote) return quote(vote);
  return null;
}

export function narrateConsensus(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  const vote = str(detail, 'vote');
  switch (name) {
    case 'message':
      return messageWords(detail);
    case 'consensusRequest': {
      const order = str(detail, 'order');
      if (order) return `${agent}, the commander, ordered ${quote(order)}`;
      const asked = field(detail, 'participants');
      return `${agent} asked ${Array.isArray(asked) ? count(asked.length, 'agent') : 'the swarm'} to vote`;
    }
    case 'voteSent':
      return peer ? `${agent} voted ${quote(vote)} and told ${peer}` : `${agent} broadcast its vote ${quote(vote)}`;
    case 'voteDelivered':
      return `${agent} counted ${whose(peer)} vote ${quote(vote)}`;
    case 'voteChanged':
      return `${agent} switched to ${quote(vote)}${num(detail, 'round') !== undefined ? ` after round ${num(detail, 'round')}` : ''}`;
    case 'decided':
      return `${agent} decided: ${str(detail, 'decision') ?? 'something'}${str(detail, 'order') ? ` (${str(detail, 'order')})` : ''}`;
    case 'echo':
      return `${agent} echoed ${whose(peer)} ${quote(vote)}`;
    case 'ready':
      return `${agent} was ready to deliver ${whose(peer)} ${quote(vote)}`;
    case 'flagged':
      return `${agent} flagged ${peer ?? 'an agent'}: ${str(detail, 'reason') ?? 'suspicious'}`;
    case 'gossipContact':
      return peer ? `${agent} gossiped with ${peer}` : null;
    case 'roundEnd':
      return roundEnd(detail);
    default:
      return null;
  }
}

function roundEnd(detail: unknown): string {
  const round = num(detail, 'round');
  const missing = num(detail, 'missing');
  if (missing !== undefined)
    return `relay round ${round} ended${missing > 0 ? `: ${count(missing, 'order')} missing` : ''}`;
  const forVotes = num(detail, 'for');
  if (forVotes !== undefined)
    return `gossip round ${round}: ${forVotes} for, ${num(detail, 'against') ?? 0} against, ${num(detail, 'abstain') ?? 0} abstain`;
  return `round ${round} ended`;
}
