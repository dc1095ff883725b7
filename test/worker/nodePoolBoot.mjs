// Worker threads do not inherit the TypeScript loader: register tsx here, then load the TS entry.
import { register } from 'tsx/esm/api';

register();
await import('./nodePoolEntry.ts');
