/// <reference lib="webworker" />
/**
 * The scenario reader's own worker: validates files, links, saves and the
 * autosave off the main thread and apart from the simulation worker, so an
 * import or an autosave never waits behind a long run and a cancelled run never
 * takes them with it.
 */
import { scenarioIoApi } from './api/scenarioIo';
import { serveTasks } from './taskHost';

serveTasks(scenarioIoApi);
