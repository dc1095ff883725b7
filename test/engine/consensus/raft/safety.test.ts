import { describe, expect, it } from 'vitest';
import { chaosCase, runCase } from './scenarios';

// The figure is 10,000 seeds; 1,000 by default keeps this file near ten seconds.
const SEEDS = process.env.FULL === '1' ? 10_000 : 1_000;

describe(`raft over ${SEEDS.toLocaleString('en-US')} seeds of crashes, restarts, partitions, loss and duplication`, () => {
  it('never violates a safety property, and once the network is whole a leader commits every command', () => {
    const failures: string[] = [];
    let crashes = 0;
    let partitions = 0;
    for (let seed = 1; seed <= SEEDS && failures.length < 5; seed++) {
      const c = chaosCase(seed);
      const { summary } = runCase(seed, c);
      crashes += summary.drawnFaults.filter((f) => f.kind === 'crash').length;
      partitions += summary.drawnFaults.filter((f) => f.kind === 'partition').length;
      const top = Math.max(...summary.serverStates.map((s) => s.term));
      const leader = summary.serverStates.find((s) => s.up && s.role === 'leader' && s.term === top);
      const problems = [
        ...summary.properties.filter((p) => !p.held).map((p) => `${p.name}: ${p.witness?.explanation}`),
        ...(summary.allCommitted
          ? []
          : [`${summary.committedCommands} of ${summary.commands.length} commands committed`]),
        // With loss, a run of lost heartbeats can start an election at any moment, even the last one.
        ...(leader || c.config.lossProbability > 0 ? [] : ['no leader at the end']),
      ];
      if (problems.length > 0) {
        failures.push(
          `seed ${seed}: ${problems.join('; ')}\ncase: ${JSON.stringify(c)}\nfaults: ${JSON.stringify(summary.drawnFaults)}`,
        );
      }
    }
    expect(failures.join('\n\n')).toBe('');
    // The swarm was really shaken.
    expect(crashes).toBeGreaterThan(SEEDS);
    expect(partitions).toBeGreaterThan(SEEDS);
  });
});
