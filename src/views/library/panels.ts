import { lazyPanel, type PanelDef } from '../panels';

/** Right-hand panels about scenarios as files: saves, sharing, import/export, lessons. */
export const LIBRARY_PANELS: PanelDef[] = [
  {
    id: 'library',
    title: 'Library',
    area: 'right',
    component: lazyPanel(() => import('./LibraryPanel'), 'LibraryPanel'),
  },
  {
    id: 'lessons',
    title: 'Lessons',
    area: 'right',
    component: lazyPanel(() => import('./lessons/LessonsPanel'), 'LessonsPanel'),
  },
];
