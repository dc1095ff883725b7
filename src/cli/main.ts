/**
 * Headless runner: `npm run sim -- scenario.json [--seed N] [--trace out.json]`.
 * Runs the scenario with the same engines as the browser and prints the run
 * summary (with the trace hash) as JSON; a bad file prints its problems, one per
 * line with the field path, and exits 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describeFailure, parseArgs, runFile } from './runFile';

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${args.file}: ${(error as Error).message}`);
    return 1;
  }
  const outcome = await runFile(text, args);
  if (!outcome.ok) {
    console.error(describeFailure(args.file, outcome.failure));
    return 1;
  }
  if (args.trace) writeFileSync(args.trace, `${JSON.stringify(outcome.traceJson)}\n`);
  console.log(JSON.stringify(outcome.summary, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
