import { LeakHunterError } from '../core/common/errors';

/** Parsed command line: positionals, flags (`--name value` / `--flag`), and what follows `--`. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
  rest: string[];
}

/**
 * Parses `argv` against the flags a command accepts. `booleans` take no value; every other
 * known flag takes one (repeatable). Unknown flags are a usage error naming the flag.
 */
export function parseArgs(argv: string[], spec: { booleans?: string[]; values?: string[] }): ParsedArgs {
  const booleans = new Set(spec.booleans ?? []);
  const values = new Set(spec.values ?? []);
  const out: ParsedArgs = { positionals: [], flags: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      let value: string;
      if (booleans.has(name)) {
        value = eq === -1 ? 'true' : arg.slice(eq + 1);
      } else if (values.has(name)) {
        if (eq !== -1) value = arg.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else throw new LeakHunterError('usage', `--${name} needs a value`);
      } else {
        throw new LeakHunterError('usage', `unknown option --${name}`);
      }
      const list = out.flags.get(name) ?? [];
      list.push(value);
      out.flags.set(name, list);
    } else {
      out.positionals.push(arg);
    }
  }
  return out;
}

/** Last value of a flag, or undefined. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** A numeric flag with bounds; a usage error names the flag and the accepted range. */
export function numberFlag(args: ParsedArgs, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = flag(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new LeakHunterError('usage', `--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}
