import { FLIGHT_KINDS } from '../../store/traceIndex';
import type { Flights } from './frame';
import { COLOURS, FLIGHT_COLOURS } from './palette';

type View = { k: number; x: number; y: number };

/**
 * Paints the messages in flight in screen pixels (`ctx` set to CSS pixels): one filled dot per
 * delivered copy in its kind's colour, one hollow vermillion ring per copy lost on the way.
 * One path per colour, so thousands of dots are a dozen fills.
 */
export function paintFlights(ctx: CanvasRenderingContext2D, f: Flights, p: Float64Array, t: View, r: number): void {
  if (f.count === 0) return;
  const px = (i: number) => (p[2 * f.from[i]] + (p[2 * f.to[i]] - p[2 * f.from[i]]) * f.progress[i]) * t.k + t.x;
  const py = (i: number) =>
    (p[2 * f.from[i] + 1] + (p[2 * f.to[i] + 1] - p[2 * f.from[i] + 1]) * f.progress[i]) * t.k + t.y;
  const present = new Uint8Array(FLIGHT_KINDS.length);
  let lost = 0;
  for (let i = 0; i < f.count; i++) {
    if (f.delivered[i]) present[f.kind[i]] = 1;
    else lost++;
  }
  // A crowd of dots is drawn as small squares: thousands of anti-aliased circles a frame cost more
  // than the rest of a 5,000-agent replay's frame, and at this size the eye sees dots either way.
  const dot = f.count > CROWD ? square : disc;
  for (let kind = 0; kind < FLIGHT_KINDS.length; kind++) {
    if (!present[kind]) continue;
    ctx.fillStyle = FLIGHT_COLOURS[FLIGHT_KINDS[kind]];
    ctx.beginPath();
    for (let i = 0; i < f.count; i++) {
      if (f.kind[i] !== kind || !f.delivered[i]) continue;
      dot(ctx, px(i), py(i), r);
    }
    ctx.fill();
  }
  if (lost === 0) return;
  ctx.strokeStyle = COLOURS.dropped;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < f.count; i++) {
    if (f.delivered[i]) continue;
    dot(ctx, px(i), py(i), r);
  }
  ctx.stroke();
}

/** Messages in flight above which dots are drawn as squares. */
const CROWD = 600;
const disc = (ctx: CanvasRenderingContext2D, x: number, y: number, r: number) => {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, 2 * Math.PI);
};
const square = (ctx: CanvasRenderingContext2D, x: number, y: number, r: number) => {
  ctx.rect(Math.round(x - r), Math.round(y - r), Math.round(2 * r), Math.round(2 * r));
};

/**
 * Clears the overlay canvas and paints the flights on it. The canvas is sized to `width` × `height`
 * CSS pixels at the device's pixel ratio; the size comes from the stage (reading the canvas's own
 * size here would lay the page out in the middle of every frame).
 */
export function drawFlights(
  canvas: HTMLCanvasElement | null,
  f: Flights,
  p: Float64Array,
  t: View,
  r: number,
  size: { width: number; height: number },
): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const width = Math.round(size.width * dpr);
  const height = Math.round(size.height * dpr);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  paintFlights(ctx, f, p, t, r);
}
