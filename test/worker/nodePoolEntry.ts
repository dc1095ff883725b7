// A real thread for the pool tests: the pool worker's API (what pool.worker.ts exposes), over worker_threads.
import { parentPort } from 'node:worker_threads';
import { type Endpoint, expose } from 'comlink';
import { poolApi } from '../../src/worker/poolApi';

const port = parentPort;
if (!port) throw new Error('must run in a worker thread');

// Comlink speaks the DOM's message events; worker_threads hands over the data alone.
const listeners = new Map<EventListenerOrEventListenerObject, (data: unknown) => void>();
const endpoint: Endpoint = {
  postMessage: (message, transfer) => port.postMessage(message, transfer as never),
  addEventListener: (_type, listener) => {
    const wrapped = (data: unknown) =>
      typeof listener === 'function'
        ? listener({ data } as MessageEvent)
        : listener.handleEvent({ data } as MessageEvent);
    listeners.set(listener, wrapped);
    port.on('message', wrapped);
  },
  removeEventListener: (_type, listener) => {
    const wrapped = listeners.get(listener);
    if (wrapped) port.off('message', wrapped);
    listeners.delete(listener);
  },
};
expose(poolApi, endpoint);
