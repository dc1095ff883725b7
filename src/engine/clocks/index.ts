export { LamportClock } from './lamportClock';
export {
  type ClockEntryComparison,
  type ClockOrder,
  compare,
  compareEntries,
  formatClock,
  happenedBefore,
  increment,
  isConcurrent,
  MAX_CLOCK_ENTRIES,
  merge,
  type VectorClock,
  validateVectorClock,
} from './vectorClock';
