/**
 * The property a run's lessons are about, in words, and its "within k rounds" when it has one:
 * read from the run-kind catalogue (src/engine/runs/catalogue.ts), the same table the worker's
 * counterexample search checks.
 */
import { type PropertyMeta, propertiesOf } from '../../worker/protocol';

type RunDraft = Record<string, unknown> & { kind: string };

/** The property a search tries to break, or null when the kind has none. */
export function searchedProperty(run: RunDraft, agents: number): PropertyMeta | null {
  return propertiesOf(run, agents)[0] ?? null;
}

/** A property in words, with its bound. */
export function propertyWords(property: PropertyMeta, withinRounds?: number): string {
  return withinRounds === undefined ? property.label : `${property.label} within ${withinRounds} rounds`;
}
