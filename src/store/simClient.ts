import { SimClient } from '../worker/client';

let client: SimClient | undefined;

/** The app's single worker client, created on first use. */
export function simClient(): SimClient {
  client ??= new SimClient();
  return client;
}
