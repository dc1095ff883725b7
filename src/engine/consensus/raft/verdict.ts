/**
 * A safety property's outcome after a run, shared by Raft and PBFT: held, or
 * violated with the first witness (the agents, terms or views and log indices
 * or sequence numbers that show it) and how many times it was violated.
 */
export interface PropertyVerdict<Name extends string, W> {
  name: Name;
  held: boolean;
  /** Violations seen (the first one is the witness). */
  violations: number;
  witness?: W;
}

/** The first violated property of a run, if any: what a counterexample search looks for. */
export function firstViolation<V extends { held: boolean }>(properties: readonly V[]): V | undefined {
  return properties.find((p) => !p.held);
}

/**
 * Records violations of one property as a run goes: keeps the first witness, counts the rest.
 * The engines call `violate` where the property breaks, so a witness carries the moment it broke.
 */
export class PropertyRecorder<Name extends string, W> {
  private witness: W | undefined;
  private count = 0;

  constructor(readonly name: Name) {}

  /** True the first time, so the caller can trace the moment once. */
  violate(witness: W): boolean {
    this.count++;
    if (this.witness !== undefined) return false;
    this.witness = witness;
    return true;
  }

  verdict(): PropertyVerdict<Name, W> {
    const v: PropertyVerdict<Name, W> = { name: this.name, held: this.count === 0, violations: this.count };
    if (this.witness !== undefined) v.witness = this.witness;
    return v;
  }
}
