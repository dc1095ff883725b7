/**
 * The open lesson step's agents (the store's lessonFocus, kept by src/lessons/focus.ts) are
 * ringed on the stage in the lessons' colour, the one that also outlines the step's control.
 */
export const LESSON_FOCUS_COLOUR = '#e69f00';

/** The ring's radius around a glyph whose own outer ring has radius `ringR`, in screen pixels. */
export const lessonRingRadius = (ringR: number) => ringR + 7;

/** Canvas renderer: a dashed ring around each focused agent (screen coordinates; `at(i)` gives its centre). */
export function drawLessonFocus(
  ctx: CanvasRenderingContext2D,
  focused: readonly number[],
  at: (i: number) => [number, number],
  ringR: number,
): void {
  if (focused.length === 0) return;
  ctx.save();
  ctx.strokeStyle = LESSON_FOCUS_COLOUR;
  ctx.lineWidth = 3;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  const r = lessonRingRadius(ringR);
  for (const i of focused) {
    const [x, y] = at(i);
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.stroke();
  ctx.restore();
}
