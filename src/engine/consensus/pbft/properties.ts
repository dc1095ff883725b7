import { PropertyRecorder, type PropertyVerdict } from '../raft/verdict';
import { NULL_DIGEST, type PbftRequest, requestDigest } from './types';

/** PBFT's safety properties, over honest replicas (Castro & Liskov 1999, §4.5). */
export type PbftPropertyName = 'agreement' | 'validity';

export const PBFT_PROPERTIES: readonly PbftPropertyName[] = ['agreement', 'validity'];

export const PBFT_PROPERTY_STATEMENTS: Record<PbftPropertyName, string> = {
  agreement: 'No two honest replicas execute different requests under the same sequence number.',
  validity:
    'Every request an honest replica executes was issued by a client (or is the null request of a view change).',
};

/** Who and where a property broke: replicas by id, the views and sequence numbers, the digests. */
export interface PbftWitness {
  agents: string[];
  views: number[];
  sequences: number[];
  digests: string[];
  atMs: number;
  explanation: string;
}

export type PbftVerdict = PropertyVerdict<PbftPropertyName, PbftWitness>;

/** Checks agreement and validity at each execution by an honest replica; keeps the first witnesses. */
export class PbftHistory {
  private readonly agreement = new PropertyRecorder<PbftPropertyName, PbftWitness>('agreement');
  private readonly validity = new PropertyRecorder<PbftPropertyName, PbftWitness>('validity');
  private readonly bySeq = new Map<number, { digest: string; agent: number; view: number }>();

  constructor(
    private readonly ids: readonly string[],
    /** Whether a request was issued by the client (its id and value). */
    private readonly issued: (request: PbftRequest) => boolean,
    private readonly onViolation: (property: PbftPropertyName, agent: number) => void = () => {},
  ) {}

  executed(agent: number, seq: number, digest: string, request: PbftRequest, view: number, atMs: number): void {
    const first = this.bySeq.get(seq);
    if (first === undefined) this.bySeq.set(seq, { digest, agent, view });
    else if (first.digest !== digest) {
      const witness: PbftWitness = {
        agents: [this.ids[first.agent], this.ids[agent]],
        views: [first.view, view],
        sequences: [seq],
        digests: [first.digest, digest],
        atMs,
        explanation: `${this.ids[first.agent]} executed ${first.digest} as number ${seq} (view ${first.view}); ${this.ids[agent]} executed ${digest} (view ${view})`,
      };
      if (this.agreement.violate(witness)) this.onViolation('agreement', agent);
    }
    const valid = request.id < 0 ? digest === NULL_DIGEST : this.issued(request) && digest === requestDigest(request);
    if (!valid) {
      const witness: PbftWitness = {
        agents: [this.ids[agent]],
        views: [view],
        sequences: [seq],
        digests: [digest],
        atMs,
        explanation: `${this.ids[agent]} executed ${digest} as number ${seq}, which no client issued`,
      };
      if (this.validity.violate(witness)) this.onViolation('validity', agent);
    }
  }

  verdicts(): PbftVerdict[] {
    return [this.agreement.verdict(), this.validity.verdict()];
  }
}
