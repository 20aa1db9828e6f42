import type { CliCommand } from './cliCommand';
import { checkCommand } from './commands/checkCommand';
import { forecastCommand } from './commands/forecastCommand';
import { genSampleCommand } from './commands/genSampleCommand';
import { importCommand } from './commands/importCommand';
import { queryCommand } from './commands/queryCommand';
import { runCommand } from './commands/runCommand';
import { serveCommand } from './commands/serveCommand';
import { trustCommand } from './commands/trustCommand';

/** Every `iwb` command; each lives in its own module under commands/. */
export const cliCommands: CliCommand[] = [serveCommand, queryCommand, runCommand, checkCommand, trustCommand, forecastCommand, genSampleCommand, importCommand];
