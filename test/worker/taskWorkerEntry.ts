// A real thread for the task-worker tests: the regex tasks and the scenario reader, served over worker_threads.
import { parentPort } from 'node:worker_threads';
import { shivizTasks } from '../../src/worker/api/inspect/shivizTasks';
import { scenarioIoApi } from '../../src/worker/api/scenarioIo';
import { answerTask, type TaskRequest } from '../../src/worker/taskHost';

const port = parentPort;
if (!port) throw new Error('must run in a worker thread');
const handlers = { ...shivizTasks, ...scenarioIoApi };
port.on('message', (request: TaskRequest) => {
  void answerTask(handlers, request).then((answer) => port.postMessage(answer));
});
