import type { PanelDef } from '../panels';
import { LibraryPanel } from './LibraryPanel';
import { LessonsPanel } from './lessons/LessonsPanel';

/** Right-hand panels about scenarios as files: saves, sharing, import/export, lessons. */
export const LIBRARY_PANELS: PanelDef[] = [
  { id: 'library', title: 'Library', area: 'right', component: LibraryPanel },
  { id: 'lessons', title: 'Lessons', area: 'right', component: LessonsPanel },
];
