import { LeakHunterError, errorMessage, isCancellation } from '../core/common/errors';
import { ExitCode } from '../shared/report';
import { inspectCommand } from './commands/inspect';
import { diffCommand } from './commands/diff';
import { huntCommand } from './commands/hunt';

/** A CLI command: receives its own argv (after the command name), resolves to an exit code. */
export type Command = {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
};

const commands: Record<string, Command> = {
  hunt: huntCommand,
  inspect: inspectCommand,
  diff: diffCommand,
};

function usage(): string {
  const lines = ['Usage: leak-hunter <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  lines.push('', 'Run `leak-hunter <command> --help` for a command\'s options.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : ExitCode.error;
  }
  if (name === '--version') {
    process.stdout.write(`${process.env.LEAK_HUNTER_VERSION ?? '0.1.0'}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`leak-hunter: unknown command "${name}"\n\n${usage()}\n`);
    return ExitCode.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  e => {
    if (isCancellation(e)) {
      process.stderr.write('leak-hunter: cancelled\n');
    } else if (e instanceof LeakHunterError) {
      process.stderr.write(`leak-hunter: ${e.message}\n`);
    } else {
      process.stderr.write(`leak-hunter: ${errorMessage(e)}\n${(e as Error)?.stack ?? ''}\n`);
    }
    process.exitCode = ExitCode.error;
  },
);
