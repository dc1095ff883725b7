import * as v from 'valibot';
import { id } from '../../scenario/rules';

/** The run block of a flood. */
export const FloodRunSchema = v.strictObject({ kind: v.literal('flood'), origin: v.optional(id()) });
