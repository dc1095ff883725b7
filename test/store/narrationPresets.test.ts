/**
 * No narration sentence of any preset of any run kind prints a hole ("undefined", "NaN", "null",
 * "[object Object]"): every event of a trace with drops of every kind (no route, loss, a crashed
 * agent), and every message worded from its tag alone, the way a drop that carries no payload is.
 */
import { describe, expect, it } from 'vitest';
import { RUN_CATALOGUE, RUN_PRESETS } from '../../src/engine/runs/catalogue';
import { runScenario } from '../../src/engine/runs/runScenario';
import { parseScenario } from '../../src/engine/scenario';
import { DROP_REASONS, KIND } from '../../src/engine/trace/events';
import { contentOf, eventSentence, type Narrate, type Speaker } from '../../src/store/narrationWords';

/** A hole in words; PBFT's "null request" (the no-op of a view change) is a word, not a hole. */
const HOLE = /undefined|NaN|\[object|\bnull\b(?! request)/;

const IDS = Array.from({ length: 6 }, (_, i) => `agent-${i + 1}`);

/** A ring of six with agent-3 unlinked (no route to it), lossy and duplicating, agent-5 crashing. */
function scenario(run: Record<string, unknown>, lossProbability = 0.3) {
  return parseScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 11,
    topology: {
      agents: IDS.map((id) => ({ id, behaviour: 'honest' })),
      builder: { kind: 'custom' },
      links: [
        ['agent-1', 'agent-2'],
        ['agent-4', 'agent-5'],
        ['agent-5', 'agent-6'],
        ['agent-6', 'agent-1'],
      ],
    },
    network: {
      lossProbability,
      duplicationProbability: 0.1,
      faults: [{ kind: 'crash', atMs: 150, agent: 'agent-5' }],
    },
    run,
  });
}

describe('narration of every preset, drops included', () => {
  for (const preset of RUN_PRESETS) {
    it(`${preset.label}: no sentence has a hole`, async () => {
      const { summary, trace } = await runScenario(scenario(preset.run));
      const narrate = RUN_CATALOGUE[preset.run.kind].narrate as Narrate | undefined;
      const speaker: Speaker = { ids: summary.agentIds, narrate };
      const holes: string[] = [];
      const reasons = new Set<string>();
      const tags = new Set<string>();
      for (let i = 0; i < trace.length; i++) {
        const sentence = eventSentence(trace, i, speaker);
        if (sentence && HOLE.test(sentence)) holes.push(`#${i}: ${sentence}`);
        if (trace.kind[i] === KIND.messageDropped) reasons.add(DROP_REASONS[trace.e[i]]);
        if (trace.kind[i] === KIND.messageSent) tags.add(trace.strings[trace.d[i]]);
      }
      // A message with no payload to read (a drop whose send is far back) is worded from its tag.
      for (const tag of tags) {
        const words = contentOf(speaker, tag, undefined, 0, 1);
        if (HOLE.test(words)) holes.push(`${tag} without a payload: ${words}`);
      }
      expect(holes).toEqual([]);
      // The scenario really drops: at least for want of a route, where the run sends to agent-3.
      expect(reasons.size).toBeGreaterThan(0);
    });
  }

  it('PBFT: a dropped view change names its view, or says "a request to change the view" without one', () => {
    const narrate = RUN_CATALOGUE.pbft.narrate as Narrate;
    const speaker: Speaker = { ids: IDS, narrate };
    expect(contentOf(speaker, 'pbft-view-change', { view: 2 }, 0, 1)).toBe('a request to move to view 2');
    expect(contentOf(speaker, 'pbft-view-change', undefined, 0, 1)).toBe('a request to change the view');
  });
});

describe('narration of a flood', () => {
  it('speaks of the flood message, never of a rumor', async () => {
    const { summary, trace } = await runScenario(scenario({ kind: 'flood' }, 0));
    const speaker: Speaker = { ids: summary.agentIds, narrate: RUN_CATALOGUE.flood.narrate as Narrate };
    const words = Array.from({ length: trace.length }, (_, i) => eventSentence(trace, i, speaker) ?? '');
    expect(words).toContain('agent-1 started the flood: it broadcasts the message to its neighbours');
    expect(words).toContainEqual(
      expect.stringMatching(/^agent-\d got the flood message from agent-\d \(its first copy\)$/),
    );
    expect(words).toContainEqual(expect.stringMatching(/^agent-\d sent the flood message to agent-\d$/));
    expect(words.filter((w) => /rumou?r/.test(w))).toEqual([]);
  });
});
