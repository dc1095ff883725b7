import { byzantineGenerals, quorumRules, threeFPlusOne, weightedExperts } from './consensus';
import { delegationCrash } from './delegation';
import { LEADER_LESSONS } from './leaders';
import { gossipLogN } from './spreading';
import { concurrentWrites, counterDuplicates, partitionSync } from './state';
import { stubbornGossip } from './stubborn';
import type { Lesson } from './types';

export type { Lesson, LessonFocus, LessonMoment, LessonObservation, LessonStep } from './types';

/** The lessons, in teaching order (the numbering). */
export const LESSONS: readonly Lesson[] = [
  quorumRules,
  weightedExperts,
  byzantineGenerals,
  threeFPlusOne,
  gossipLogN,
  stubbornGossip,
  concurrentWrites,
  counterDuplicates,
  partitionSync,
  delegationCrash,
  ...LEADER_LESSONS,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
