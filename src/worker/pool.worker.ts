/// <reference lib="webworker" />
/**
 * A seed-search worker of the page's pool (pool.ts starts one per spare core): exposes
 * `poolApi` through Comlink. It shares nothing with the simulation worker, so the player and
 * edits go on while a search runs, and cancelling a search terminates these workers only.
 */
import { expose } from 'comlink';
import { poolApi } from './poolApi';

declare const self: DedicatedWorkerGlobalScope;

expose(poolApi, self);
