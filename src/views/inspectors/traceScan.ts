/**
 * Small scans over a run's trace for the sync and delegation views: engine
 * steps by name up to the cursor. Reads the columns; the views call these with
 * the cursor so they follow the player.
 */
import type { TraceColumns } from '../../worker/protocol';

const ENGINE_KIND = 8;

export interface EngineStep {
  index: number;
  t: number;
  name: string;
  agent: number;
  peer: number;
  detail: unknown;
}

/** Engine steps whose name is in `names`, from the start to `cursor` (inclusive). */
export function engineSteps(trace: TraceColumns, names: readonly string[], cursor: number): EngineStep[] {
  const wanted = new Set(names.map((n) => trace.strings.indexOf(n)).filter((i) => i >= 0));
  const out: EngineStep[] = [];
  const end = Math.min(cursor, trace.length - 1);
  for (let i = 0; i <= end; i++) {
    if (trace.kind[i] !== ENGINE_KIND || !wanted.has(trace.d[i])) continue;
    out.push({
      index: i,
      t: trace.t[i],
      name: trace.strings[trace.d[i]],
      agent: trace.a[i],
      peer: trace.b[i],
      detail: trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined,
    });
  }
  return out;
}
