import type { BehaviourWords } from '../kind';

/**
 * What each malicious behaviour does in each consensus algorithm, as its engine acts it out
 * (consensusManager's `votesOf`, reliableBroadcast's `lie`, oralMessages' `strategyOf`,
 * gossipNetwork's replies). Quorum and weighted votes are cast once and never relayed, so
 * "lie in relay" and "stubborn" mean nothing there and are left out (the advice says so).
 */
export const CONSENSUS_BEHAVIOURS: Record<string, BehaviourWords> = {
  quorum: {
    silent: 'casts no vote',
    equivocate: 'casts both votes, “for” and “against”, in a random order',
    flip: 'casts the opposite of its vote, then its vote',
    random: 'votes for or against at random',
  },
  byzantine: {
    silent: 'is crashed from the start: it sends nothing',
    equivocate: 'tells one half of the agents one vote and the other half the other, for itself and its fellow liars',
    flip: 'echoes the opposite of its own vote',
    random: 'sends a random vote in every message',
    'lie-in-relay': 'is truthful about its own vote and lies about everyone else’s',
    stubborn: 'follows the protocol, but counts among the malicious agents (not judged by agreement)',
  },
  'oral-messages': {
    silent: 'is crashed from the start: its messages count as “retreat”',
    equivocate: 'tells every other recipient the opposite of the honest order',
    flip: 'always sends the opposite of the honest order',
    random: 'sends “attack” or “retreat” at random',
    'lie-in-relay': 'is truthful about its own order and flips every order it relays',
    stubborn: 'relays honestly, but is a traitor (not judged by IC1 and IC2)',
  },
  gossip: {
    silent: 'never answers a pull',
    equivocate: 'answers “for” and “against” in turn',
    flip: 'answers its own vote in even rounds and the opposite in odd ones',
    random: 'answers with a coin toss',
    'lie-in-relay': 'answers the opposite of its own vote',
    stubborn: 'answers its own vote and never changes it',
  },
};
CONSENSUS_BEHAVIOURS.weighted = CONSENSUS_BEHAVIOURS.quorum;

/** The words for a consensus run block's algorithm (quorum's when it names none). */
export const consensusBehaviours = (run: Record<string, unknown>): BehaviourWords =>
  CONSENSUS_BEHAVIOURS[String(run.algorithm)] ?? CONSENSUS_BEHAVIOURS.quorum;
