import { Worker as ThreadWorker } from 'node:worker_threads';

/**
 * A worker_threads Worker dressed as a Web Worker (events, postMessage,
 * terminate), so SimClient drives a real second thread in Node.
 */
export class NodeWebWorker extends EventTarget {
  private readonly thread: ThreadWorker;

  constructor(file: URL) {
    super();
    this.thread = new ThreadWorker(file);
    this.thread.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    this.thread.on('error', (error) => {
      const event = new Event('error') as Event & { message: string };
      event.message = error.message;
      this.dispatchEvent(event);
    });
  }

  postMessage(data: unknown, transfer: Transferable[] = []): void {
    this.thread.postMessage(data, transfer as never);
  }

  terminate(): void {
    void this.thread.terminate();
  }

  get threadId(): number {
    return this.thread.threadId;
  }
}
