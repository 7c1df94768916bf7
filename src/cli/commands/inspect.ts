import type { Command } from '../main';
import { ExitCode } from '../../shared/report';

// Placeholder until the inspect command lands; says so instead of pretending.
export const inspectCommand: Command = {
  summary: '(inspect: not built yet)',
  usage: 'leak-hunter inspect — not built yet',
  async run() {
    process.stderr.write('leak-hunter inspect is not built yet\n');
    return ExitCode.error;
  },
};
