import { describe, expect, it } from 'vitest';
import { chaosCase, faultyPrimaryCase, runCase } from './scenarios';

const FULL = process.env.FULL === '1';
// The figures are 10,000 seeds; 1,000 by default keeps this file to a few seconds.
const SEEDS = FULL ? 10_000 : 1_000;
const PRIMARY_SEEDS = FULL ? 2_000 : 200;

describe(`pbft over ${SEEDS.toLocaleString('en-US')} seeds with f < n/3 malicious replicas, faults, loss and duplication`, () => {
  it('no two honest replicas ever execute different requests under one number, and all execute client requests', () => {
    const failures: string[] = [];
    let malicious = 0;
    let viewChanges = 0;
    for (let seed = 1; seed <= SEEDS && failures.length < 5; seed++) {
      const c = chaosCase(seed);
      const { summary } = runCase(seed, c);
      malicious += summary.faulty.length;
      if (summary.viewChanges > 0) viewChanges++;
      for (const p of summary.properties.filter((x) => !x.held)) {
        failures.push(`seed ${seed}: ${p.name}: ${p.witness?.explanation}\ncase: ${JSON.stringify(c)}`);
      }
    }
    expect(failures.join('\n\n')).toBe('');
    // The runs were really adversarial: malicious replicas, and view changes in most of them.
    expect(malicious).toBeGreaterThan(SEEDS / 2);
    expect(viewChanges).toBeGreaterThan(SEEDS / 2);
  });
});

describe(`pbft with a silent or equivocating primary (${PRIMARY_SEEDS} seeds)`, () => {
  it('causes a view change, and every request still commits with the honest replicas agreeing', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= PRIMARY_SEEDS && failures.length < 5; seed++) {
      const c = faultyPrimaryCase(seed);
      const { summary } = runCase(seed, c);
      const problems = [
        ...summary.properties.filter((p) => !p.held).map((p) => `${p.name}: ${p.witness?.explanation}`),
        ...(summary.allCommitted ? [] : [`${summary.committedRequests} of ${summary.requests.length} committed`]),
        // With another equivocator colluding, one half of the backups may reach a quorum: no view change needed.
        ...(summary.viewChanges > 0 || (c.primary === 'equivocate' && c.others > 0) ? [] : ['no view change']),
      ];
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}\ncase: ${JSON.stringify(c)}`);
    }
    expect(failures.join('\n\n')).toBe('');
  });
});
