import type { Prng } from '../../core/prng';
import { NULL_DIGEST, NULL_REQUEST, type PbftRequest, requestDigest } from './types';

export { PBFT_BEHAVIOURS } from './behaviourWords';

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
