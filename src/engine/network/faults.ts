/** A change to the network at a simulated time ("partition at t=200, heal at t=800"). */
export type Fault =
  | { kind: 'partition'; atMs: number; groups: number[][] }
  | { kind: 'one-way'; atMs: number; from: number[]; to: number[] }
  | { kind: 'heal'; atMs: number }
  | { kind: 'crash'; atMs: number; agent: number }
  | { kind: 'recover'; atMs: number; agent: number };

/** How messages travel. Probabilities are per message, latencies in simulated ms. */
export interface NetworkConfig {
  latencyMsMin: number;
  latencyMsMax: number;
  lossProbability: number;
  duplicationProbability: number;
  /** Chance that a message is held back by up to another `latencyMsMax`, overtaking later ones. */
  reorderProbability: number;
}

export const DEFAULT_NETWORK: NetworkConfig = {
  latencyMsMin: 10,
  latencyMsMax: 50,
  lossProbability: 0,
  duplicationProbability: 0,
  reorderProbability: 0,
};
