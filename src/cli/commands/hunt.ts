import type { Command } from '../main';
import { ExitCode } from '../../shared/report';

// Placeholder until the hunt command lands; says so instead of pretending.
export const huntCommand: Command = {
  summary: '(hunt: not built yet)',
  usage: 'leak-hunter hunt — not built yet',
  async run() {
    process.stderr.write('leak-hunter hunt is not built yet\n');
    return ExitCode.error;
  },
};
