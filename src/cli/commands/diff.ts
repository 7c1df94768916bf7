import type { Command } from '../main';
import { ExitCode } from '../../shared/report';

// Placeholder until the diff command lands; says so instead of pretending.
export const diffCommand: Command = {
  summary: '(diff: not built yet)',
  usage: 'leak-hunter diff — not built yet',
  async run() {
    process.stderr.write('leak-hunter diff is not built yet\n');
    return ExitCode.error;
  },
};
