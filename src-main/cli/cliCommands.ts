import type { CliCommand } from './cliCommand';
import { genSampleCommand } from './commands/genSampleCommand';
import { queryCommand } from './commands/queryCommand';
import { serveCommand } from './commands/serveCommand';

/** Every `iwb` command; each lives in its own module under commands/. */
export const cliCommands: CliCommand[] = [serveCommand, queryCommand, genSampleCommand];
