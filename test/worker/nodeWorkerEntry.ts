// A real thread for the abort test: the same simulation API, exposed over worker_threads.

import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { simApi } from '../../src/worker/simApi';

if (!parentPort) throw new Error('must run in a worker thread');
expose(simApi, nodeEndpoint(parentPort));
