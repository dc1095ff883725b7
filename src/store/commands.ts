/**
 * Commands are data — id, label, shortcut, perform — so the toolbar, the keyboard
 * and the help overlay share them (the help lists exactly what the keys do).
 */
import { runScenario } from './actions';
import {
  addAgentNearCentre,
  removeSelected,
  selectNeighbour,
  toggleCrashSelected,
  toggleLinkSelected,
  toggleMaliciousSelected,
} from './editing';
import { useStore } from './index';
import { changeSpeed, jumpToDecision, jumpToEnd, jumpToStart, stepEvents, stepRound, togglePlay } from './playback';

export interface Command {
  id: string;
  label: string;
  group: 'Playback' | 'Edit' | 'Run' | 'View';
  /** Keys as written in KeyboardEvent terms: "Space", "ArrowRight", "Shift+ArrowRight", "Mod+Z" (Ctrl or ⌘). */
  keys: string[];
  /** Why the command cannot act now (a key then does nothing), or null when it can. */
  unavailable?: () => string | null;
  perform: () => void;
}

const s = () => useStore.getState();

/** Why Run (and R) cannot start a run now, or null. */
export function runUnavailable(): string | null {
  const { runStatus, issues, autosave } = s();
  if (runStatus === 'running') return 'A run is in progress.';
  // A run now would be of the default scenario, set aside a moment later by the one restored.
  if (autosave === 'restoring') return 'Your last session is being restored.';
  if (issues.length > 0) return 'The scenario has problems to fix first.';
  return null;
}

const TABLE: Command[] = [
  { id: 'play', label: 'Play / pause', group: 'Playback', keys: ['Space'], perform: togglePlay },
  {
    id: 'step-forward',
    label: 'Step one event forward',
    group: 'Playback',
    keys: ['ArrowRight'],
    perform: () => stepEvents(1),
  },
  {
    id: 'step-back',
    label: 'Step one event back',
    group: 'Playback',
    keys: ['ArrowLeft'],
    perform: () => stepEvents(-1),
  },
  {
    id: 'round-forward',
    label: 'Step one round forward',
    group: 'Playback',
    keys: ['Shift+ArrowRight'],
    perform: () => stepRound(1),
  },
  {
    id: 'round-back',
    label: 'Step one round back',
    group: 'Playback',
    keys: ['Shift+ArrowLeft'],
    perform: () => stepRound(-1),
  },
  { id: 'start', label: 'Jump to start', group: 'Playback', keys: ['Home'], perform: jumpToStart },
  { id: 'end', label: 'Jump to end', group: 'Playback', keys: ['End'], perform: jumpToEnd },
  { id: 'decision', label: 'Jump to decision', group: 'Playback', keys: ['D'], perform: jumpToDecision },
  { id: 'faster', label: 'Faster', group: 'Playback', keys: [']', '+'], perform: () => changeSpeed(1) },
  { id: 'slower', label: 'Slower', group: 'Playback', keys: ['[', '-'], perform: () => changeSpeed(-1) },
  {
    id: 'run',
    label: 'Run (or rerun) the scenario',
    group: 'Run',
    keys: ['R'],
    unavailable: runUnavailable,
    perform: () => void runScenario(),
  },
  { id: 'undo', label: 'Undo', group: 'Edit', keys: ['Mod+Z'], perform: () => s().undo() },
  { id: 'redo', label: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], perform: () => s().redo() },
  { id: 'add-agent', label: 'Add an agent', group: 'Edit', keys: ['A'], perform: () => void addAgentNearCentre() },
  { id: 'next-agent', label: 'Select next agent', group: 'Edit', keys: ['N'], perform: () => selectNeighbour(1) },
  { id: 'prev-agent', label: 'Select previous agent', group: 'Edit', keys: ['P'], perform: () => selectNeighbour(-1) },
  {
    id: 'malicious',
    label: 'Make selected malicious / honest',
    group: 'Edit',
    keys: ['M'],
    perform: () => toggleMaliciousSelected(),
  },
  {
    id: 'crash',
    label: 'Crash / recover selected (from the start)',
    group: 'Edit',
    keys: ['K'],
    perform: toggleCrashSelected,
  },
  {
    id: 'link',
    label: 'Connect / disconnect the two selected',
    group: 'Edit',
    keys: ['C'],
    perform: toggleLinkSelected,
  },
  {
    id: 'remove',
    label: 'Remove selected agents',
    group: 'Edit',
    keys: ['Delete', 'Backspace'],
    perform: removeSelected,
  },
  {
    id: 'deselect',
    label: 'Clear selection / close help',
    group: 'View',
    keys: ['Escape'],
    perform: () => (s().helpOpen ? s().setHelpOpen(false) : s().select([])),
  },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    group: 'View',
    keys: ['?'],
    perform: () => s().setHelpOpen(!s().helpOpen),
  },
];

/** The command table; each `perform` checks the command's predicate first, so keys and buttons agree. */
export const COMMANDS: Command[] = TABLE.map((c) =>
  c.unavailable ? { ...c, perform: () => (c.unavailable?.() ? undefined : c.perform()) } : c,
);

/** The key name of an event in the `keys` notation above. */
export function keyOf(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): string {
  const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const mod = e.ctrlKey || e.metaKey ? 'Mod+' : '';
  // Shift is part of printable keys already ("?" is Shift+/), so it only prefixes named keys and Mod combos.
  const shift = e.shiftKey && (e.key.length > 1 || mod) ? 'Shift+' : '';
  return `${mod}${shift}${key}`;
}

export function commandForKey(key: string): Command | undefined {
  return COMMANDS.find((c) => c.keys.includes(key));
}

export function commandById(id: string): Command {
  const command = COMMANDS.find((c) => c.id === id);
  if (!command) throw new Error(`no command "${id}"`);
  return command;
}
