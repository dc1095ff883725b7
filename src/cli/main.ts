/**
 * Headless runner: `npm run sim -- scenario.json [--seed N] [--trace out.json]`, and
 * `npm run sim -- sweep scenario.json --seeds A..B [--shard i/n] [--jobs N]` (sweepMain.ts).
 * Runs the scenario with the same engines (and the same work budget) as the
 * browser and prints the run summary (with the trace hash) as JSON. A bad file
 * prints its problems, one per line with the field path, and exits 1; a file
 * that cannot be read or a trace that cannot be written prints one line naming
 * the path and exits 1; bad arguments exit 2.
 */
import { parseArgs } from './args';
import { readScenarioFile, traceTargetProblem } from './files';
import { describeFailure, fileRefusal, runFile } from './runFile';
import { sweepMain } from './sweepMain';
import { writeTraceFile } from './traceFile';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'sweep') return sweepMain(argv.slice(1));
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  // Before the run, so a typo in the trace's path does not cost the whole run.
  const target = args.trace === undefined ? undefined : traceTargetProblem(args.trace);
  if (target) {
    console.error(target);
    return 1;
  }
  const read = readScenarioFile(args.file);
  if (!read.ok) {
    console.error(read.kind === 'io' ? read.message : fileRefusal(args.file, read.rule));
    return 1;
  }
  const outcome = await runFile(read.text, args);
  if (!outcome.ok) {
    console.error(describeFailure(args.file, outcome.failure));
    return 1;
  }
  if (args.trace !== undefined) {
    const written = writeTraceFile(args.trace, outcome.summary, outcome.trace);
    if (!written.ok) {
      console.error(written.message);
      return 1;
    }
  }
  console.log(JSON.stringify(outcome.summary, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not a bad input: still one line, never a stack trace in the user's face.
    console.error(`The CLI failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  },
);
