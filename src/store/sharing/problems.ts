/** Problems as the worker reports them (src/worker/problems.ts): one shape on both sides of the boundary. */
export { errorText, fromValidation, LINK_FIELD, type Problem, problem } from '../../worker/problems';
