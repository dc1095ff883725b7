import { byzantineGenerals, quorumRules, threeFPlusOne, weightedExperts } from './consensus';
import { delegationCrash } from './delegation';
import { gossipLogN } from './spreading';
import { concurrentWrites, counterDuplicates, partitionSync } from './state';
import type { Lesson } from './types';

export type { Lesson, LessonObservation, LessonStep } from './types';

/** The lessons, in teaching order (the numbering; 6, stubborn agents, waits for the engine). */
export const LESSONS: readonly Lesson[] = [
  quorumRules,
  weightedExperts,
  byzantineGenerals,
  threeFPlusOne,
  gossipLogN,
  concurrentWrites,
  counterDuplicates,
  partitionSync,
  delegationCrash,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
