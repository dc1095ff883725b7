import { ValidationError } from '../core/errors';
import { fmt } from './rules';

/**
 * A scenario asked for more than a named bound allows. It is a ValidationError
 * (so it has the field path the UI shows it next to) that also carries the
 * limit's name, the bound and what was asked for, like LimitError does.
 */
export class ScenarioLimitError extends ValidationError {
  constructor(
    field: string,
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
    /** What was asked for, `#` standing for the number: `asks for # agents`. */
    what: string,
  ) {
    super(field, `${what.replace('#', fmt(actual))}; at most ${fmt(max)} allowed (${limit})`);
  }
}
