/** The CLI's command line: `<scenario.json> [--seed N] [--trace out.json]`. */

export interface CliArgs {
  file: string;
  seed?: number;
  trace?: string;
}

export const USAGE =
  'usage: npm run sim -- <scenario.json> [--seed N] [--trace out.json]\n' +
  '       npm run sim -- sweep <scenario.json> --seeds A..B [--shard i/n] [--jobs N]';

/** Parses the arguments; throws an Error whose message ends with the usage line. */
export function parseArgs(argv: string[]): CliArgs {
  const args: Partial<CliArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') {
      const seed = Number(argv[++i]);
      if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
        throw new Error(`--seed must be a whole number from 0 to 4294967295\n${USAGE}`);
      args.seed = seed;
    } else if (arg === '--trace') {
      args.trace = argv[++i];
      if (!args.trace) throw new Error(`--trace needs a file name\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (args.file) throw new Error(`one scenario file at a time\n${USAGE}`);
    else args.file = arg;
  }
  if (!args.file) throw new Error(USAGE);
  return args as CliArgs;
}
