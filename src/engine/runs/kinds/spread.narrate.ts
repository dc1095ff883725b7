/** The narration's words for flood and rumor runs (see RunKindMeta.narrate). Messages are worded from their tag. */
import { messageOf, num } from './narrateWords';

const RUMOR_WORDS: Record<string, string> = {
  'rumor-push': 'the rumor',
  'rumor-pull': "a pull ('heard anything?')",
  'rumor-reply': 'the rumor (a reply)',
};

/** Rumor spreading: pushes, pulls and replies, round by round. */
export function narrateSpread(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  switch (name) {
    case 'message':
      return RUMOR_WORDS[messageOf(detail).tag] ?? null;
    case 'informed': {
      const round = num(detail, 'round');
      if (!peer) return round ? `${agent} learnt the rumor in round ${round}` : `${agent} started the rumor`;
      return `${agent} learnt it from ${peer}${round ? ` in round ${round}` : ''}`;
    }
    case 'gossipContact':
      return peer ? `${agent} called ${peer}` : null;
    case 'roundEnd': {
      const informed = num(detail, 'informed');
      const fresh = num(detail, 'newlyInformed');
      return `round ${num(detail, 'round')} ended${informed !== undefined ? `: ${informed.toLocaleString('en-US')} informed` : ''}${fresh !== undefined ? ` (${fresh.toLocaleString('en-US')} new)` : ''}`;
    }
    default:
      return null;
  }
}

/** Flooding (a broadcast): the origin sends the message to its neighbours, each agent forwards its first copy. */
export function narrateFlood(name: string, detail: unknown, agent: string, peer: string | null): string | null {
  switch (name) {
    case 'message':
      return messageOf(detail).tag === 'flood' ? 'the flood message' : null;
    case 'informed':
      return peer
        ? `${agent} got the flood message from ${peer} (its first copy)`
        : `${agent} started the flood: it broadcasts the message to its neighbours`;
    default:
      return null;
  }
}
