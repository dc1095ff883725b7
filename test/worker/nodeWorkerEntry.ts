// A real thread for the abort test: the same simulation API, exposed over worker_threads.
import { expose } from 'comlink';
import { simApi } from '../../src/worker/simApi';
import { parentPortEndpoint } from './threadEndpoint';

expose(simApi, parentPortEndpoint());
