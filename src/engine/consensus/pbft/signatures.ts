import { canonicalJson, Hasher } from '../../core/hash';
import type { PreparedProof } from './types';

/**
 * Digital signatures, modelled by what each replica really sent: a statement can be shown
 * to others (in a VIEW-CHANGE's certificates, in a NEW-VIEW) only if its signer signed it.
 * A malicious replica can sign whatever it likes, conflicting statements included; it cannot
 * sign for an honest one. This is PBFT's signed variant (Castro & Liskov 1999, §4); the MAC
 * version reaches the same guarantees with more messages.
 */
export class Signatures {
  private readonly prePrepares = new Set<string>();
  /** `view|seq|digest` → the replicas that signed a PREPARE for it. */
  private readonly prepares = new Map<string, Set<number>>();
  private readonly viewChanges = new Set<string>();

  signPrePrepare(signer: number, view: number, seq: number, digest: string): void {
    this.prePrepares.add(`${signer}|${view}|${seq}|${digest}`);
  }

  signPrepare(signer: number, view: number, seq: number, digest: string): void {
    const key = `${view}|${seq}|${digest}`;
    let set = this.prepares.get(key);
    if (set === undefined) {
      set = new Set();
      this.prepares.set(key, set);
    }
    set.add(signer);
  }

  signViewChange(signer: number, view: number, prepared: readonly PreparedProof[]): void {
    this.viewChanges.add(viewChangeKey(signer, view, prepared));
  }

  hasViewChange(signer: number, view: number, prepared: readonly PreparedProof[]): boolean {
    return this.viewChanges.has(viewChangeKey(signer, view, prepared));
  }

  /**
   * A prepared certificate holds when the primary of its view signed the pre-prepare and
   * `need` distinct backups signed matching prepares.
   */
  provesPrepared(proof: PreparedProof, primary: number, need: number): boolean {
    if (!this.prePrepares.has(`${primary}|${proof.view}|${proof.seq}|${proof.digest}`)) return false;
    const signers = this.prepares.get(`${proof.view}|${proof.seq}|${proof.digest}`);
    if (signers === undefined) return need <= 0;
    let count = 0;
    for (const s of signers) if (s !== primary) count++;
    return count >= need;
  }
}

function viewChangeKey(signer: number, view: number, prepared: readonly PreparedProof[]): string {
  return `${signer}|${view}|${new Hasher().string(canonicalJson(prepared)).hex()}`;
}
