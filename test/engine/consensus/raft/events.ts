import type { RaftTraceEvent } from '../../../../src/engine/consensus/raft';
import type { RunContext } from '../../../../src/engine/runs/context';
import { decodeAll } from '../../../../src/engine/trace/trace';

/** The Raft events of a recorded run, typed, with their times. */
export function raftEvents(ctx: RunContext): (RaftTraceEvent & { t: number })[] {
  return decodeAll(ctx.trace.columns()).flatMap((e) =>
    e.kind === 'engine'
      ? [{ t: e.t, name: e.name, agent: e.agent, peer: e.peer, detail: e.detail } as RaftTraceEvent & { t: number }]
      : [],
  );
}
