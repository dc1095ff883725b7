/**
 * The simulation API as plain functions (no Comlink here, so Node tests and the
 * CLI call it directly); sim.worker.ts exposes it. One module per area under
 * ./api, composed here.
 */
import { inspectApi } from './api/inspect';
import { runsApi } from './api/runs';
import { scenarioIoApi } from './api/scenarioIo';
import { searchApi } from './api/search';

export type { DescribeOutcome, RunOutcome, ValidateOutcome } from './api/runs';
export { toFailure } from './api/runs';

export const simApi = {
  ...runsApi,
  ...scenarioIoApi,
  ...searchApi,
  ...inspectApi,
};
