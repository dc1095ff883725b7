import { describe, expect, it } from 'vitest';
import { Trace } from '../../../src/engine/trace/trace';
import { legendSections } from '../../../src/store/stage/legend';
import { runVocabulary } from '../../../src/worker/glyphFrame';
import { buildTraceIndex } from '../../../src/worker/traceIndex';

const ids = (sections: ReturnType<typeof legendSections>) => sections.flatMap((s) => s.entries.map((e) => e.id));

describe('the stage legend', () => {
  it('lists only the swarm before a run: agents, behaviours present, links', () => {
    const sections = legendSections({ behaviours: ['honest', 'silent'], vocabulary: null });
    expect(ids(sections)).toEqual(['honest', 'behaviour-silent', 'link']);
    expect(sections.find((s) => s.title === 'Agents')?.entries[1].label).toBe('malicious: silent (badge Si)');
  });

  it('lists what a run draws and nothing it does not: informed rounds, rumor dots, a partition, a crash', () => {
    const trace = new Trace();
    trace.engine(0, 'informed', 0, -1, { round: 0 });
    trace.messageSent(0, 0, 1, 0, 'rumor-push');
    trace.partitionChanged(2, { groups: [[0]], oneWay: [] });
    trace.messageDropped(5, 0, 1, 0, 'rumor-push', 'partition');
    trace.agentCrashed(6, 2);
    const v = runVocabulary(buildTraceIndex(trace.columns(), 3));
    const got = ids(legendSections({ behaviours: ['honest'], vocabulary: v }));
    expect(got).toEqual([
      'honest',
      'informed',
      'crashed',
      'message-rumor',
      'message-lost',
      'link',
      'partition-group',
      'cut-link',
    ]);
    expect(got).not.toContain('vote-for');
    expect(got).not.toContain('phases');
  });

  it('explains the aggregate field as counts, not identities', () => {
    const sections = legendSections({ behaviours: [], vocabulary: null, field: true });
    expect(ids(sections)).toEqual(['field-off', 'field-on']);
    expect(sections[0].entries[1].label).toMatch(/count/);
  });
});
