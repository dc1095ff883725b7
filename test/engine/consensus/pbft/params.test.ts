import { describe, expect, it } from 'vitest';
import { PBFT_DEFAULTS, runPbft, validatePbftParams } from '../../../../src/engine/consensus/pbft';
import { expectValidation } from '../../conflict/helpers';
import { contextFor } from '../raft/harness';

describe('pbft parameters', () => {
  it('fills in the defaults: f from the swarm, quorums kept', () => {
    expect(validatePbftParams({ kind: 'pbft' })).toEqual({ ...PBFT_DEFAULTS, commands: [] });
    expect(PBFT_DEFAULTS.teaching).toEqual({ weakQuorums: false });
  });

  it('n ≥ 3f + 1 is named on run.faultTolerance, worded like Bracha’s rule', () => {
    expectValidation(
      () => validatePbftParams({ faultTolerance: 2 }, { replicas: 6 }),
      'run.faultTolerance',
      /f=2 needs at least 7 participants, got 6/,
    );
    expect(validatePbftParams({ faultTolerance: 2 }, { replicas: 7 }).faultTolerance).toBe(2);
    const params = validatePbftParams({ faultTolerance: 1 });
    expectValidation(() => runPbft(contextFor(1, { n: 3 }), params), 'run.faultTolerance', /at least 4/);
  });

  it('names the field of every other mistake', () => {
    expectValidation(() => validatePbftParams([]), 'run');
    expectValidation(() => validatePbftParams({ kind: 'raft' }), 'run.kind');
    expectValidation(() => validatePbftParams({ quorum: 3 }), 'run.quorum', /not a pbft parameter/);
    expectValidation(() => validatePbftParams({ faultTolerance: -1 }), 'run.faultTolerance');
    expectValidation(() => validatePbftParams({ viewChangeTimeoutMs: 0 }), 'run.viewChangeTimeoutMs');
    expectValidation(() => validatePbftParams({ clientRetryMs: 2.5 }), 'run.clientRetryMs');
    expectValidation(() => validatePbftParams({ durationMs: 'long' }), 'run.durationMs');
    expectValidation(() => validatePbftParams({ commands: [{ atMs: 'soon', value: 'a' }] }), 'run.commands[0].atMs');
    expectValidation(() => validatePbftParams({ teaching: { weakQuorums: 1 } }), 'run.teaching.weakQuorums');
    expectValidation(() => validatePbftParams({ teaching: { f: 1 } }), 'run.teaching.f');
    expectValidation(() => validatePbftParams({ randomFaults: { partitions: 1.5 } }), 'run.randomFaults.partitions');
  });
});
