/** A label's box in picture pixels. */
export interface LabelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL_PX = 64;

/**
 * Which labels to show so that none overlaps another: each in turn is placed unless it collides
 * with one already placed (a greedy pass over a grid of cells, so n labels cost about n checks).
 * @example placeLabels([{ x0: 0, y0: 0, x1: 10, y1: 10 }, { x0: 5, y0: 5, x1: 15, y1: 15 }]) // [true, false]
 */
export function placeLabels(boxes: readonly LabelBox[]): boolean[] {
  const grid = new Map<string, number[]>();
  const cells = (b: LabelBox, visit: (key: string) => void) => {
    for (let cx = Math.floor(b.x0 / CELL_PX); cx <= Math.floor(b.x1 / CELL_PX); cx++)
      for (let cy = Math.floor(b.y0 / CELL_PX); cy <= Math.floor(b.y1 / CELL_PX); cy++) visit(`${cx},${cy}`);
  };
  const overlaps = (a: LabelBox, b: LabelBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  return boxes.map((box, i) => {
    let free = true;
    cells(box, (key) => {
      for (const j of grid.get(key) ?? []) if (free && overlaps(box, boxes[j])) free = false;
    });
    if (!free) return false;
    cells(box, (key) => {
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    });
    return true;
  });
}
