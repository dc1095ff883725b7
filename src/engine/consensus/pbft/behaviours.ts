import type { MaliciousBehaviour } from '../../core/agent';
import type { Prng } from '../../core/prng';
import { NULL_DIGEST, NULL_REQUEST, type PbftRequest, requestDigest } from './types';

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

/** A version of a slot's content the adversary can show. */
export interface Version {
  digest: string;
  request: PbftRequest;
}

/**
 * The malicious replicas' shared knowledge (they collude): a balanced random split of the
 * replicas into two halves, and, for each slot an equivocating primary forked, the version
 * each half was shown. The split is balanced among the backups of view 0 (replica 0 is its
 * primary, the only view a lying replica is primary of): neither half of n − 1 = 3f backups
 * holds the 2f prepares a request needs once f ≥ 2.
 */
export class Adversary {
  readonly side: Uint8Array;
  private readonly forks = new Map<string, [Version, Version]>();

  constructor(
    replicas: number,
    readonly rng: Prng,
  ) {
    this.side = new Uint8Array(replicas);
    rng.shuffle(Array.from({ length: Math.max(0, replicas - 1) }, (_, i) => i + 1)).forEach((r, k) => {
      this.side[r] = k % 2;
    });
  }

  /** The two versions of `view:seq` to show the two halves: the forked ones, or the seen one against the null request. */
  versions(view: number, seq: number, seen: Version): [Version, Version] {
    return this.forks.get(`${view}:${seq}`) ?? [seen, { digest: NULL_DIGEST, request: NULL_REQUEST }];
  }

  fork(view: number, seq: number, request: PbftRequest): [Version, Version] {
    const pair: [Version, Version] = [
      { digest: requestDigest(request), request },
      { digest: NULL_DIGEST, request: NULL_REQUEST },
    ];
    this.forks.set(`${view}:${seq}`, pair);
    return pair;
  }
}

/** A digest that matches no request: what `flip` sends. */
export function wrongDigest(digest: string): string {
  return `${digest.slice(0, -1)}${digest.endsWith('0') ? '1' : '0'}`;
}
