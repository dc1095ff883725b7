import { describe, expect, it } from 'vitest';
import {
  fieldGrid,
  fieldOrder,
  informedAtCursor,
  lightField,
  rgbaWord,
  roundsEndedBy,
} from '../../../src/store/stage/fieldModel';

describe('the aggregate field', () => {
  it('holds one cell per agent in a grid of the asked shape', () => {
    const g = fieldGrid(1_000_000, 1);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(1_000_000);
    expect(g.cols).toBe(1000);
    expect(fieldGrid(10, 2.5)).toEqual({ cols: 5, rows: 2 });
  });

  it('lights cells in a seeded order that is a permutation, the same for the same seed', () => {
    const order = fieldOrder(1000, 7);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(fieldOrder(1000, 7)).toEqual(order);
    expect(fieldOrder(1000, 8)).not.toEqual(order);
  });

  it('counts informed agents by the rounds ended at the cursor, as the curve and the narration do', () => {
    const perRound = [1, 3, 9, 10];
    const roundEnds = [4, 10, 17];
    expect(informedAtCursor(perRound, roundEnds, -1)).toBe(1);
    expect(informedAtCursor(perRound, roundEnds, 3)).toBe(1);
    expect(informedAtCursor(perRound, roundEnds, 4)).toBe(3);
    expect(informedAtCursor(perRound, roundEnds, 16)).toBe(9);
    expect(informedAtCursor(perRound, roundEnds, 99)).toBe(10);
    expect(roundsEndedBy(roundEnds, 10)).toBe(2);
  });

  it('lights exactly the first cells of the order, forwards and back, touching only the difference', () => {
    const order = fieldOrder(50, 1);
    const pixels = new Uint32Array(50);
    const on = rgbaWord('#009E73');
    let lit = lightField(pixels, order, 0, 20, on, 0);
    expect(pixels.filter((p) => p === on).length).toBe(20);
    lit = lightField(pixels, order, lit, 5, on, 0);
    expect(lit).toBe(5);
    expect([...order.slice(0, 5)].every((cell) => pixels[cell] === on)).toBe(true);
    expect(pixels.filter((p) => p === on).length).toBe(5);
    expect(rgbaWord('#ff0000')).toBe(0xff0000ff);
  });
});
