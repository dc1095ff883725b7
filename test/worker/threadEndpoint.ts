// A Comlink endpoint over this worker thread's parentPort, for the tests' real threads.
import { parentPort } from 'node:worker_threads';
import type { Endpoint } from 'comlink';

export function parentPortEndpoint(): Endpoint {
  const port = parentPort;
  if (!port) throw new Error('must run in a worker thread');
  // Comlink speaks the DOM's message events; worker_threads hands over the data alone.
  const listeners = new Map<EventListenerOrEventListenerObject, (data: unknown) => void>();
  return {
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
}
