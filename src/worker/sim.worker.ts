/// <reference lib="webworker" />
/**
 * The simulation worker: exposes `simApi` through Comlink. Traces cross back as
 * transferred ArrayBuffers (moved, not copied), so large runs stay cheap.
 */
import { expose, transfer } from 'comlink';
import type { RunOptions } from './protocol';
import { simApi } from './simApi';

declare const self: DedicatedWorkerGlobalScope;

const api = {
  ...simApi,
  describe(input: unknown) {
    const outcome = simApi.describe(input);
    return outcome.ok ? transfer(outcome, [outcome.topology.positions.buffer]) : outcome;
  },
  async run(input: unknown, options: RunOptions = {}, onProgress?: (fraction: number) => void) {
    const outcome = await simApi.run(input, options, onProgress);
    if (!outcome.ok) return outcome;
    const { trace } = outcome;
    return transfer(
      outcome,
      [trace.kind, trace.t, trace.a, trace.b, trace.c, trace.d, trace.e].map((col) => col.buffer),
    );
  },
};

export type SimApi = typeof api;

expose(api, self);
