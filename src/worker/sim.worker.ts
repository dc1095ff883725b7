/// <reference lib="webworker" />
/**
 * The simulation worker: exposes `simApi` through Comlink. Traces and the
 * player's index over them cross back as transferred ArrayBuffers (moved, not
 * copied), so large runs stay cheap for the page.
 */
import { expose, transfer } from 'comlink';
import type { RunOptions } from './protocol';
import { simApi } from './simApi';
import { buildTraceIndex, indexArrays } from './traceIndex';

declare const self: DedicatedWorkerGlobalScope;

const api = {
  ...simApi,
  describe(input: unknown) {
    const outcome = simApi.describe(input);
    return outcome.ok ? transfer(outcome, [outcome.topology.positions.buffer]) : outcome;
  },
  /** Runs a scenario; the player's index over the trace is built here too, off the main thread. */
  async run(input: unknown, options: RunOptions = {}, onProgress?: (fraction: number) => void) {
    const outcome = await simApi.run(input, options, onProgress);
    if (!outcome.ok) return outcome;
    const { trace } = outcome;
    const index = buildTraceIndex(trace, outcome.summary.agents);
    const columns = [trace.kind, trace.t, trace.a, trace.b, trace.c, trace.d, trace.e];
    return transfer(
      { ...outcome, index },
      [...columns, ...indexArrays(index)].map((array) => array.buffer),
    );
  },
};

export type SimApi = typeof api;

expose(api, self);
