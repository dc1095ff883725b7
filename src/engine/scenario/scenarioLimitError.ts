import { LimitError, ValidationError } from '../core/errors';
import { MAX_SCENARIO_BYTES } from '../core/limits';
import { FILE_FIELD } from './format';
import { fmt } from './rules';

/**
 * A scenario asked for more than a named bound allows. It is a ValidationError
 * (so it has the field path the UI shows it next to) that also carries the
 * limit's name, the bound and what was asked for, like LimitError does. The
 * rule says it in words with the bound's value; the constant's name is data for
 * code (`limit`), never part of the message a person reads.
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
    super(field, `${what.replace('#', fmt(actual))}; at most ${fmt(max)} allowed`);
  }
}

/**
 * A scenario whose canonical text would be longer than a file may be, so it could
 * not be opened again. A LimitError (callers treat it as one) that names the file
 * as its field and says so in words.
 */
export class ScenarioTooLargeError extends LimitError {
  readonly field = FILE_FIELD;

  constructor(bytes: number) {
    super('MAX_SCENARIO_BYTES', MAX_SCENARIO_BYTES, bytes);
    this.message = `would be ${fmt(bytes)} bytes long; a scenario file may have at most ${fmt(MAX_SCENARIO_BYTES)} bytes`;
  }
}
