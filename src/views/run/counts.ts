/**
 * Counts as every panel words them, defined once. A run's "messages" is its summary's `messages`:
 * what agents sent over the network, each message once (a hop through a relay and a duplicated
 * copy are not more messages), or, for a well-mixed run without a network, its contacts.
 */
export const MESSAGES_MEANING =
  'Messages agents sent, each counted once: a hop through a relay or a duplicated copy is not another message; a well-mixed run counts its contacts.';

/** "1 link", "2 links", "1,000 agents": a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
