// A real thread for the pool tests: the pool worker's API (what pool.worker.ts exposes), over worker_threads.
import { expose } from 'comlink';
import { poolApi } from '../../src/worker/poolApi';
import { parentPortEndpoint } from './threadEndpoint';

expose(poolApi, parentPortEndpoint());
