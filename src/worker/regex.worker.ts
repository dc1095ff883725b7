/// <reference lib="webworker" />
/**
 * The throw-away worker for user-supplied regexes (the ShiViz log import). A
 * regex that backtracks for ever can only be stopped by terminating its
 * thread, so it never runs in the simulation worker: regexClient.ts stops this
 * one after its time budget and starts a fresh one for the next task.
 */
import { shivizTasks } from './api/inspect/shivizTasks';
import { serveTasks } from './taskHost';

serveTasks(shivizTasks);
