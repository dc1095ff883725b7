import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../scripts/scenarioJsonSchema';
import { fullDoc, RUNS } from './fixtures';

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON Schema.
type Json = Record<string, any>;

const FILE = join(__dirname, '..', '..', '..', 'public', 'scenario.schema.json');

describe('public/scenario.schema.json', () => {
  const schema = scenarioJsonSchema() as Json;

  it('is up to date with the valibot schema (run `npm run schema`)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toStrictEqual(schema);
  });

  it('describes the top level strictly', () => {
    expect(schema.$schema).toContain('draft-07');
    expect(schema.required).toStrictEqual(['format', 'version', 'seed', 'topology', 'run']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.format).toStrictEqual({ const: 'swarm-playground/scenario' });
    expect(Object.keys(schema.properties).sort()).toStrictEqual(Object.keys({ ...fullDoc() }).sort());
  });

  it('lists every run kind and builder kind', () => {
    const kinds = (node: Json) => node.oneOf.map((o: Json) => o.properties.kind.const);
    expect(kinds(schema.properties.run)).toStrictEqual([...new Set(RUNS.map((r) => r.kind))]);
    expect(kinds(schema.properties.topology.properties.builder)).toContain('small-world');
  });

  it('keeps numeric bounds and id patterns', () => {
    const agent = schema.properties.topology.properties.agents.items;
    expect(agent.properties.weight).toMatchObject({ type: 'number', minimum: 0, default: 1 });
    expect(agent.properties.id.pattern).toBe('^[A-Za-z0-9_][A-Za-z0-9_.:-]*$');
    expect(schema.properties.topology.properties.agentCount).toMatchObject({ type: 'integer', maximum: 100_000 });
    const consensus = schema.properties.run.oneOf.find((o: Json) => o.properties.kind.const === 'consensus');
    expect(consensus.properties.agentWeights).toMatchObject({
      type: 'object',
      additionalProperties: { exclusiveMinimum: 0 },
    });
  });
});
