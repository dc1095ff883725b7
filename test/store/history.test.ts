import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS, commandForKey, keyOf } from '../../src/store/commands';
import { useStore } from '../../src/store/index';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

describe('undo and redo', () => {
  it('every edit is one step; undo and redo walk them exactly', () => {
    const s = () => useStore.getState();
    s().setSeed(7);
    s().setBuilder({ kind: 'ring' });
    expect(s().past.map((p) => p.label)).toEqual(['Change seed', 'Change topology']);
    s().undo();
    expect(s().scenario.topology.builder).toEqual(initial.scenario.topology.builder);
    expect(s().scenario.seed).toBe(7);
    s().undo();
    expect(s().scenario).toBe(initial.scenario);
    s().redo();
    s().redo();
    expect(s().scenario.topology.builder).toEqual({ kind: 'ring' });
    expect(s().future).toEqual([]);
  });

  it('typing in one field coalesces into one step; a new edit clears the redo list', () => {
    const s = () => useStore.getState();
    s().setAgentCount(1);
    s().setAgentCount(12);
    s().setAgentCount(120);
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().future).toHaveLength(1);
    s().setSeed(3);
    expect(s().future).toEqual([]);
  });
});

describe('keyboard commands', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
    keyOf({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('names keys the way the command table writes them', () => {
    expect(key(' ')).toBe('Space');
    expect(key('m')).toBe('M');
    expect(key('ArrowRight', { shiftKey: true })).toBe('Shift+ArrowRight');
    expect(key('?', { shiftKey: true })).toBe('?');
    expect(key('z', { ctrlKey: true })).toBe('Mod+Z');
    expect(key('Z', { metaKey: true, shiftKey: true })).toBe('Mod+Shift+Z');
  });
  it('every key maps to exactly one command', () => {
    for (const k of [
      'Space',
      'ArrowRight',
      'Shift+ArrowLeft',
      'Mod+Z',
      'Mod+Y',
      'M',
      'K',
      'C',
      'N',
      'P',
      'A',
      'R',
      'D',
      '?',
    ])
      expect(commandForKey(k), k).toBeDefined();
    expect(commandForKey('Q')).toBeUndefined();
    const keys = COMMANDS.flatMap((c) => c.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('R checks its predicate: nothing starts while a run goes or the scenario has problems', () => {
    // Node has no animation frames; the run action pauses the player first.
    globalThis.cancelAnimationFrame ??= () => undefined;
    const run = commandForKey('R');
    useStore.setState({ runStatus: 'running', runProgress: 0.5 });
    run?.perform();
    expect(useStore.getState().runProgress).toBe(0.5);
    useStore.setState({
      runStatus: 'done',
      issues: [{ field: 'seed', rule: 'must be ≥ 0', message: 'seed: must be ≥ 0' }],
    });
    run?.perform();
    expect(useStore.getState().runStatus).toBe('done');
    expect(run?.unavailable?.()).toMatch(/problems/);
  });
});
