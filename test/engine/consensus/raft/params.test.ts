import { describe, expect, it } from 'vitest';
import { RAFT_DEFAULTS, runRaft, validateRaftParams } from '../../../../src/engine/consensus/raft';
import { MAX_CLIENT_COMMANDS } from '../../../../src/engine/consensus/raft/commands';
import { LimitError } from '../../../../src/engine/core/errors';
import { expectValidation } from '../../conflict/helpers';
import { contextFor } from './harness';

describe('raft parameters', () => {
  it('fills in the defaults, every teaching switch off', () => {
    expect(validateRaftParams({ kind: 'raft' })).toEqual({ ...RAFT_DEFAULTS, commands: [] });
    expect(RAFT_DEFAULTS.teaching).toEqual({
      skipUpToDateCheck: false,
      commitPreviousTermsByCounting: false,
      doubleVoter: null,
    });
  });

  it('keeps the commands in the given order (a command id is its position)', () => {
    const p = validateRaftParams({
      commands: [
        { atMs: 900, value: 'b' },
        { atMs: 100, value: 'a' },
      ],
    });
    expect(p.commands).toEqual([
      { atMs: 900, value: 'b' },
      { atMs: 100, value: 'a' },
    ]);
  });

  it('names the field of every mistake', () => {
    expectValidation(() => validateRaftParams(null), 'run');
    expectValidation(() => validateRaftParams({ kind: 'pbft' }), 'run.kind');
    expectValidation(() => validateRaftParams({ oops: 1 }), 'run.oops', /not a raft parameter/);
    expectValidation(() => validateRaftParams({ electionTimeoutMsMin: 0 }), 'run.electionTimeoutMsMin');
    expectValidation(() => validateRaftParams({ electionTimeoutMsMin: 1.5 }), 'run.electionTimeoutMsMin');
    expectValidation(
      () => validateRaftParams({ electionTimeoutMsMin: 300, electionTimeoutMsMax: 200 }),
      'run.electionTimeoutMsMax',
    );
    expectValidation(() => validateRaftParams({ heartbeatMs: 150 }), 'run.heartbeatMs', /below electionTimeoutMsMin/);
    expectValidation(() => validateRaftParams({ durationMs: -1 }), 'run.durationMs');
    expectValidation(() => validateRaftParams({ maxEntriesPerAppend: 0 }), 'run.maxEntriesPerAppend');
    expectValidation(() => validateRaftParams({ commands: 'x' }), 'run.commands');
    expectValidation(
      () =>
        validateRaftParams({
          commands: [
            { atMs: 1, value: 'a' },
            { atMs: -5, value: 'b' },
          ],
        }),
      'run.commands[1].atMs',
    );
    expectValidation(() => validateRaftParams({ commands: [{ atMs: 1, value: 7 }] }), 'run.commands[0].value');
    expectValidation(() => validateRaftParams({ commands: [{ atMs: 1, value: 'a', by: 'me' }] }), 'run.commands[0].by');
    expectValidation(() => validateRaftParams({ teaching: true }), 'run.teaching');
    expectValidation(
      () => validateRaftParams({ teaching: { skipUpToDateCheck: 'yes' } }),
      'run.teaching.skipUpToDateCheck',
    );
    expectValidation(() => validateRaftParams({ teaching: { nope: true } }), 'run.teaching.nope');
    expectValidation(() => validateRaftParams({ teaching: { doubleVoter: '' } }), 'run.teaching.doubleVoter');
    expectValidation(() => validateRaftParams({ randomFaults: { crashes: -1 } }), 'run.randomFaults.crashes');
    expectValidation(
      () => validateRaftParams({ randomFaults: { downMsMin: 500, downMsMax: 100 } }),
      'run.randomFaults.downMsMax',
    );
    expectValidation(
      () => validateRaftParams({ randomFaults: { isolateLeaderProbability: 2 } }),
      'run.randomFaults.isolateLeaderProbability',
    );
  });

  it('bounds the number of commands with a LimitError', () => {
    const commands = Array.from({ length: MAX_CLIENT_COMMANDS + 1 }, () => ({ atMs: 0, value: 'x' }));
    expect(() => validateRaftParams({ commands })).toThrow(LimitError);
  });

  it('a double voter must be an agent of the swarm', () => {
    const params = validateRaftParams({ teaching: { doubleVoter: 'agent-9' } });
    expectValidation(() => runRaft(contextFor(1, { n: 3 }), params), 'run.teaching.doubleVoter');
  });
});
