// A sweep worker thread, started by Tinypool (sweepPool.ts). Threads do not inherit the
// TypeScript loader the CLI runs under: register tsx here, then load the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const { runSweepTask } = await import('./sweepTask.ts');

export default runSweepTask;
