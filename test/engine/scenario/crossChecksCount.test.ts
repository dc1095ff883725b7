import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/engine/core/errors';
import { MAX_VALIDATION_ERRORS } from '../../../src/engine/core/limits';
import { validateScenario } from '../../../src/engine/scenario';

const doc = (links: [string, string][]) => ({
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 1,
  topology: { agentCount: 3, builder: { kind: 'ring' }, links },
  run: { kind: 'flood' },
});

describe('cross-field checks on a file with very many problems', () => {
  it('lists the first problems in file order and counts every other one', () => {
    // Each link names two unknown agents: two problems per link.
    const links = Array.from({ length: 5_000 }, (_, i): [string, string] => [`x${i}`, `y${i}`]);
    const result = validateScenario(doc(links));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(MAX_VALIDATION_ERRORS);
    expect(result.errors.every((e) => e instanceof ValidationError)).toBe(true);
    expect(result.errors[0]).toMatchObject({
      field: 'topology.links[0][0]',
      rule: 'is not the id of any agent ("x0")',
    });
    expect(result.errors[1]).toMatchObject({ field: 'topology.links[0][1]' });
    expect(result.errors[98]).toMatchObject({ field: 'topology.links[49][0]' });
    const rest = 2 * links.length - (MAX_VALIDATION_ERRORS - 1);
    expect(result.errors[99]).toMatchObject({ field: '(file)', rule: `has ${rest} more problems not listed here` });
  });

  it('lists every problem when there are at most MAX_VALIDATION_ERRORS', () => {
    const links = Array.from({ length: 50 }, (_, i): [string, string] => [`x${i}`, `y${i}`]);
    const result = validateScenario(doc(links));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99]).toMatchObject({ field: 'topology.links[49][1]' });
  });

  it('refuses 400,000 links to unknown agents with 100 errors, the last one counting the rest', () => {
    const links = Array.from({ length: 400_000 }, (_, i): [string, string] => [`x${i}`, `y${i}`]);
    const result = validateScenario(doc(links));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99].rule).toBe('has 799901 more problems not listed here');
  });
});
