import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario, validateScenario } from '../../../src/engine/scenario';
import { fullDoc, minimalDoc } from './fixtures';

const RESERVED = ['__proto__', 'constructor', 'prototype'];

/** Own properties of Object.prototype, and a probe that only pollution could set. */
function prototypeSnapshot() {
  return {
    names: Object.getOwnPropertyNames(Object.prototype).sort(),
    probe: ({} as Record<string, unknown>).polluted,
  };
}

/** Texts smuggling reserved keys into every place a key can appear. */
function hostileTexts(): string[] {
  const base = JSON.stringify(fullDoc());
  const texts: string[] = [];
  for (const key of RESERVED) {
    const payload = `"${key}": {"polluted": true, "prototype": {"polluted": true}}`;
    texts.push(base.replace('{"format"', `{${payload}, "format"`));
    texts.push(base.replace('"topology":{', `"topology":{${payload},`));
    texts.push(base.replace('{"id":"agent-1"', `{${payload}, "id":"agent-1"`));
    texts.push(base.replace('"proposal":{', `"proposal":{${payload},`));
    texts.push(base.replace('"agentWeights":{', `"agentWeights":{"${key}": 5,`));
    texts.push(base.replace('"kind":"partition"', `${payload}, "kind":"partition"`));
    texts.push(base.replaceAll('"agent-4"', `"${key}"`));
    texts.push(base.replace('"field":"risk"', `"field":"${key}"`));
    texts.push(base.replace('"capabilities":["gpu","ml"]', `"capabilities":["${key}"]`));
  }
  return texts;
}

describe('prototype safety', () => {
  it('rejects reserved names as keys and ids, each with a field path, and pollutes nothing', () => {
    const before = prototypeSnapshot();
    for (const text of hostileTexts()) {
      const result = validateScenario(text);
      expect(result.ok, text).toBe(false);
      if (result.ok) continue;
      for (const error of result.errors) expect(error.field).toMatch(/^[a-zA-Z_]/);
      expect(result.errors.some((e) => RESERVED.some((r) => e.field.includes(r)) || /must be an id/.test(e.rule))).toBe(
        true,
      );
    }
    expect(prototypeSnapshot()).toStrictEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the exact path of a reserved key', () => {
    const text = JSON.stringify(fullDoc()).replace('"agentWeights":{', '"agentWeights":{"__proto__": 5,');
    expect(validateScenario(text)).toMatchObject({
      ok: false,
      errors: [{ field: 'run.agentWeights.__proto__', rule: 'is a reserved name and cannot be used as a key' }],
    });
    const agentId = JSON.stringify(minimalDoc()).replace('"kind":"flood"', '"kind":"flood","origin":"constructor"');
    expect(validateScenario(agentId)).toMatchObject({ ok: false, errors: [{ field: 'run.origin' }] });
  });

  it('rejects reserved keys in objects built in code too (own __proto__ via defineProperty)', () => {
    const doc = fullDoc();
    Object.defineProperty(doc.run.proposal, '__proto__', { value: { polluted: true }, enumerable: true });
    expect(validateScenario(doc)).toMatchObject({ ok: false, errors: [{ field: 'run.proposal.__proto__' }] });
  });

  it('keeps reserved words in free text as plain data', () => {
    const doc = fullDoc();
    doc.name = '__proto__';
    doc.description = 'constructor';
    doc.topology.agents[0].label = 'prototype';
    doc.topology.agents[1].label = '<img src=x onerror=alert(1)>';
    const s = parseScenario(JSON.stringify(doc));
    expect(s.name).toBe('__proto__');
    expect(s.topology.agents[0].label).toBe('prototype');
    expect(s.topology.agents[1].label).toBe('<img src=x onerror=alert(1)>');
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    expect(parseScenario(serializeScenario(s))).toStrictEqual(s);
  });

  it('does not read inherited properties of a hostile prototype', () => {
    const inherited = Object.create({ format: 'swarm-playground/scenario', version: 1 });
    Object.assign(inherited, {
      seed: 1,
      topology: { agentCount: 2, builder: { kind: 'mesh' } },
      run: { kind: 'flood' },
    });
    expect(validateScenario(inherited)).toMatchObject({
      ok: false,
      errors: [{ field: 'format', rule: /is required/ }],
    });
  });

  it('stops at cycles in data handed over as objects', () => {
    const doc = fullDoc();
    doc.run.proposal.self = doc.run.proposal;
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].rule).toMatch(/nests deeper than 32/);
  });
});
