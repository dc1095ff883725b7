import { describe, expect, it } from 'vitest';
import { locateJsonError, validateScenario } from '../../../src/engine/scenario';
import { fullDoc } from './fixtures';

describe('locateJsonError', () => {
  it('accepts everything JSON.parse accepts', () => {
    for (const text of [
      JSON.stringify(fullDoc()),
      JSON.stringify(fullDoc(), null, 2),
      '1',
      ' "a\\u00e9\\n" ',
      '[]',
      '{}',
      '-0.5e+3',
      'null',
    ]) {
      expect(locateJsonError(text), text).toBeUndefined();
    }
  });

  it.each([
    ['{"a": 1,', 8, 1, 9, /end of input/],
    ['{"a": 1 "b": 2}', 8, 1, 9, /expected ',' or '}'/],
    ['{\n  "a": tru\n}', 9, 2, 8, /true, false or null/],
    ['[1, 2,]', 6, 1, 7, /unexpected character/],
    ['{"a": 01}', 7, 1, 8, /expected ',' or '}'/],
    ['{"a": "x\ty"}', 8, 1, 9, /control character/],
    ['{"a": "\\x"}', 7, 1, 8, /invalid escape/],
    ["{'a': 1}", 1, 1, 2, /property name in double quotes/],
    ['{"a": 1} x', 9, 1, 10, /after the end/],
    ['{"a": -}', 7, 1, 8, /invalid number/],
  ])('%j fails at position %i (line %i, column %i)', (text, position, line, column, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = locateJsonError(text);
    expect(found).toMatchObject({ position, line, column });
    expect(found?.problem).toMatch(problem);
  });

  it('agrees with JSON.parse on every truncation of a real file', () => {
    const text = JSON.stringify(fullDoc(), null, 1);
    for (let cut = 0; cut < text.length; cut++) {
      const part = text.slice(0, cut);
      const result = validateScenario(part);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors[0].rule, part).toMatch(/^not valid JSON at position \d+ \(line \d+, column \d+\)/);
    }
  });

  it('skips a UTF-8 byte-order mark', () => {
    expect(validateScenario(`\uFEFF${JSON.stringify(fullDoc())}`).ok).toBe(true);
  });
});
