export { ClockIds, compareDense, type DenseClock, incrementDense, mergeDense } from './denseClock';
export { LamportClock } from './lamportClock';
/** The vector clock functions as one namespace (`vectorClock.merge(a, b)`), for barrels where `merge` alone is ambiguous. */
export * as vectorClock from './vectorClock';
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
