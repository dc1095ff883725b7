import type { StateCreator } from 'zustand';
import type { Store } from '../index';
import type { Problem } from '../sharing/problems';

/** Where a library message belongs, so it is shown next to the control it came from. */
export type LibraryArea = 'import' | 'link' | 'share' | 'saves' | 'export' | 'autosave';

/** One named save as the list shows it (the scenario text is stored separately). */
export interface SaveMeta {
  id: string;
  name: string;
  /** ISO time of the last save or rename. */
  savedAt: string;
  agents: number;
  runKind: string;
}

/** Where a learner is in a lesson. */
export interface LessonProgress {
  id: string;
  step: number;
}

/** 'invalid': the scenario has problems, so the last valid version stays saved. */
export type AutosaveState = 'idle' | 'restoring' | 'saving' | 'saved' | 'invalid' | 'failed';

export interface LibrarySlice {
  saves: SaveMeta[];
  /** Problems by area; an area's problem is cleared by its next success. */
  libraryProblems: Partial<Record<LibraryArea, Problem>>;
  /** Short confirmations by area ("Imported …", "Link copied"). */
  libraryNotices: Partial<Record<LibraryArea, string>>;
  shareLink: string | null;
  autosave: AutosaveState;
  lesson: LessonProgress | null;
  /** Agent ids the open lesson step is about: the stage outlines them (kept by src/lessons/focus.ts). */
  lessonFocus: readonly string[];
  /** Message tags the open lesson step is about (the stage may draw their dots out). */
  lessonFocusTags: readonly string[];
  setLibraryProblem: (area: LibraryArea, problem: Problem | null) => void;
  setLibraryNotice: (area: LibraryArea, notice: string | null) => void;
  setLesson: (lesson: LessonProgress | null) => void;
  setLessonFocus: (agents: readonly string[], tags: readonly string[]) => void;
}

const NO_FOCUS: readonly string[] = [];

export const createLibrarySlice: StateCreator<Store, [], [], LibrarySlice> = (set) => ({
  saves: [],
  libraryProblems: {},
  libraryNotices: {},
  shareLink: null,
  autosave: 'idle',
  lesson: null,
  lessonFocus: NO_FOCUS,
  lessonFocusTags: NO_FOCUS,
  setLibraryProblem: (area, problem) =>
    set((s) => {
      const next = { ...s.libraryProblems };
      if (problem) next[area] = problem;
      else delete next[area];
      const notices = { ...s.libraryNotices };
      if (problem) delete notices[area];
      return { libraryProblems: next, libraryNotices: notices };
    }),
  setLibraryNotice: (area, notice) =>
    set((s) => {
      const notices = { ...s.libraryNotices };
      if (notice) notices[area] = notice;
      else delete notices[area];
      const problems = { ...s.libraryProblems };
      if (notice) delete problems[area];
      return { libraryNotices: notices, libraryProblems: problems };
    }),
  setLesson: (lesson) => set({ lesson }),
  setLessonFocus: (agents, tags) =>
    set({ lessonFocus: agents.length ? agents : NO_FOCUS, lessonFocusTags: tags.length ? tags : NO_FOCUS }),
});
