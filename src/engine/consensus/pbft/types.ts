import { Hasher } from '../../core/hash';

/** A client request (authenticated by its client: replicas refuse requests no client issued). */
export interface PbftRequest {
  /** The command's position in the run's `commands`; −1 for the null request. */
  id: number;
  value: string;
}

/** The no-op a new primary orders where a view change found a gap (Castro & Liskov §4.4). */
export const NULL_REQUEST: PbftRequest = { id: -1, value: '' };

/** A request's digest: a deterministic 64-bit hash of its id and value, as 16 hex digits. */
export function requestDigest(request: PbftRequest): string {
  return new Hasher().string('pbft-request').int(request.id).string(request.value).hex();
}

export const NULL_DIGEST = requestDigest(NULL_REQUEST);

/** Message tags, one per protocol message. */
export const PBFT_TAGS = {
  prePrepare: 'pbft-pre-prepare',
  prepare: 'pbft-prepare',
  commit: 'pbft-commit',
  viewChange: 'pbft-view-change',
  newView: 'pbft-new-view',
} as const;
export type PbftTag = (typeof PBFT_TAGS)[keyof typeof PBFT_TAGS];

export interface PrePrepareMessage {
  view: number;
  seq: number;
  digest: string;
  request: PbftRequest;
}

/** PREPARE and COMMIT carry the same fields. */
export interface VoteMessage {
  view: number;
  seq: number;
  digest: string;
}

/** A prepared certificate: the pre-prepare and 2f matching prepares of `view` (checked against signatures). */
export interface PreparedProof {
  seq: number;
  view: number;
  digest: string;
  request: PbftRequest;
}

export interface ViewChangeMessage {
  /** The view being moved to. */
  view: number;
  /** For each sequence number it prepared, the certificate of the highest view. */
  prepared: PreparedProof[];
}

export interface NewViewMessage {
  view: number;
  /** The view-change messages the new primary decided on (V), with their senders. */
  viewChanges: { from: number; prepared: PreparedProof[] }[];
  /** The pre-prepares of the new view (O), recomputable from V. */
  prePrepares: { seq: number; digest: string; request: PbftRequest }[];
}
