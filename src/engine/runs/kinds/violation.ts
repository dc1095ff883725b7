import type { Violation } from '../kind';

/** A violation with no particular agent to blame. */
export const plain = (property: string, message: string): Violation => ({ property, message, witnesses: [] });

/** `within k rounds` appended to a property's words when it has a bound. */
export const withinRounds = (label: string, bound?: number) =>
  bound === undefined ? label : `${label} within ${bound} rounds`;
