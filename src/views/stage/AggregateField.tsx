import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store/index';
import { fieldGrid, informedAtCursor, lightField, rgbaWord, sharedFieldOrder } from '../../store/stage/fieldModel';
import { COLOURS } from './palette';

interface Props {
  /** Agents in the population (one cell each). */
  agents: number;
  /** Informed agents per round, from the run's summary; null before a run (every cell dark). */
  informedPerRound: readonly number[] | null;
  seed: number;
  /** Width / height of the field's grid. */
  aspect: number;
  className?: string;
  /** Fill its box (the stage), the cells kept square by object-fit, instead of sizing itself by the grid's aspect. */
  fill?: boolean;
  testId?: string;
}

const ON = rgbaWord(COLOURS.fieldOn);
const OFF = rgbaWord(COLOURS.fieldOff);

/**
 * A well-mixed population as a canvas of one pixel per agent (up to millions), lit round by round
 * as the player advances. The canvas keeps one pixel per agent and CSS scales it to its box. A new
 * round touches only the cells whose state changed since the last, then puts the image once.
 */
export function AggregateField({
  agents,
  informedPerRound,
  seed,
  aspect,
  className,
  fill,
  testId = 'aggregate-field',
}: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const grid = useMemo(() => fieldGrid(agents, aspect), [agents, aspect]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // Made here, not during render: a render of a million-cell shuffle can be interrupted by the
    // player's next frame and started again, over and over (measured: seventy shuffles in 3 s).
    const order = sharedFieldOrder(agents, seed);
    canvas.width = grid.cols;
    canvas.height = grid.rows;
    const image = ctx.createImageData(grid.cols, grid.rows);
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(0);
    for (let i = 0; i < agents; i++) pixels[i] = OFF;
    let lit = 0;
    let drawn = false;
    const draw = () => {
      const { cursor, traceIndex } = useStore.getState();
      const count = informedPerRound ? informedAtCursor(informedPerRound, traceIndex?.roundEnds ?? [], cursor) : 0;
      if (drawn && count === lit) return;
      drawn = true;
      lit = lightField(pixels, order, lit, count, ON, OFF);
      ctx.putImageData(image, 0, 0);
      canvas.dataset.lit = String(lit);
    };
    draw();
    return useStore.subscribe((s, prev) => {
      if (s.cursor !== prev.cursor || s.traceIndex !== prev.traceIndex) draw();
    });
  }, [agents, grid, seed, informedPerRound]);

  return (
    <canvas
      ref={ref}
      className={`aggregate-field${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-agents={agents}
      role="img"
      aria-label={`Field of ${agents.toLocaleString('en-US')} agents, one cell each; lit cells are informed agents (a count: which cell lights is arbitrary)`}
      style={fill ? undefined : { aspectRatio: `${grid.cols} / ${grid.rows}` }}
    />
  );
}
