import type { MaliciousBehaviour } from '../../core/agent';

/** What each of the playground's malicious behaviours does as a PBFT primary or backup. */
export const PBFT_BEHAVIOURS: Record<MaliciousBehaviour, string> = {
  silent: 'Sends nothing. As primary it orders no request, so the backups time out and change view.',
  equivocate:
    'As primary, pre-prepares the request to half the replicas and the null request under the same sequence number to the other half; in every phase it tells each half what that half heard (with any other equivocators).',
  flip: 'As primary, pre-prepares with a digest that does not match the request (refused); as backup, prepares and commits a wrong digest.',
  random: 'Each message it would send carries the right digest, a wrong one, the null one, or is not sent, at random.',
  'lie-in-relay':
    'Orders honestly as primary; as backup, prepares and commits the null digest instead of the one it was sent.',
  stubborn: 'Follows the normal case but never takes part in a view change (no VIEW-CHANGE, no NEW-VIEW).',
};
