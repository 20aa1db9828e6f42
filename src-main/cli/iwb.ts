import { parseArgs } from 'node:util';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { workbenchOptionsFromEnvironment } from '../services/workbenchEnvironment';
import { resolveWorkspace, WORKSPACE_ENV } from '../workspace/workspaceLocation';
import { EXIT, UsageError, type CliCommand, type CliContext } from './cliCommand';
import { cliCommands } from './cliCommands';
import packageJson from '../../package.json';

/**
 * `iwb`: the workbench from the command line. Every command takes
 * `--workspace PATH` (or the IWB_WORKSPACE environment variable).
 */

function helpText(): string {
  const width = Math.max(...cliCommands.map((command) => command.name.length));
  return [
    `iwb ${packageJson.version}: 指标工作台 Indicator Workbench command line`,
    '',
    'Usage: iwb <command> [options] [--workspace PATH]',
    '',
    'Commands:',
    ...cliCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Global options:',
    '  --workspace PATH  workspace folder or .duckdb file (default: the user data folder; env IWB_WORKSPACE)',
    '  --help            show help for iwb or a command',
    '  --version         print the version',
    '',
    'Examples:',
    '  iwb query "select 42 as answer" --format csv',
    '  iwb serve --port 8321',
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return `${command.summary}\n\nUsage: ${command.usage}\n`;
}

/** `env` is read here, at the entry point, and nowhere below (tests pass their own). */
export async function runCli(
  argv: string[],
  io: Pick<CliContext, 'stdout' | 'stderr'>,
  interrupted: Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const commandIndex = argv.findIndex((arg, index) => !arg.startsWith('-') && argv[index - 1] !== '--workspace');
  const commandName = commandIndex === -1 ? undefined : argv[commandIndex];
  const rest = commandIndex === -1 ? argv : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];

  if (!commandName) {
    if (rest.includes('--version')) {
      io.stdout(`${packageJson.version}\n`);
      return EXIT.ok;
    }
    io.stdout(helpText());
    return rest.length === 0 || rest.includes('--help') || rest.includes('-h') ? EXIT.ok : EXIT.usage;
  }
  const command = cliCommands.find((candidate) => candidate.name === commandName);
  if (!command) {
    io.stderr(`Unknown command "${commandName}". / 未知命令。\n\n${helpText()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }

  let workbench: Workbench | undefined;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, workspace: { type: 'string' } },
      allowPositionals: command.allowPositionals,
      strict: true,
    });
    const workspace = resolveWorkspace(chosenWorkspace(parsed.values.workspace as string | undefined, env));
    const context: CliContext = {
      ...io,
      interrupted,
      openWorkbench: async (host = 'browser') => {
        workbench ??= await createWorkbench({ workspace, host, ...workbenchOptionsFromEnvironment(env) });
        return workbench;
      },
    };
    const running = command.run(parsed.values, parsed.positionals, context);
    if (command.handlesInterrupt) return await running;
    const outcome = await Promise.race([running, interrupted.then(() => 'interrupted' as const)]);
    if (outcome !== 'interrupted') return outcome;
    // Ctrl+C: the finally below shuts the engine down, which stops its work; what the command still does is ignored.
    running.catch(() => undefined);
    io.stderr('Cancelled (Ctrl+C); the engine work was stopped. / 已取消（Ctrl+C），引擎中的工作已停止。\n');
    return EXIT.cancelled;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`${error.message}\n\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    if (error instanceof WorkbenchError) {
      if (error.kind === 'cancelled') {
        io.stderr(`${error.message}\n`);
        return EXIT.cancelled;
      }
      const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
      const text = error.kind === 'user' && error.detail?.startsWith(error.message) ? error.detail : error.message;
      io.stderr(`Error${where}: ${text}\n`);
      if (error.kind === 'bug') io.stderr(`${error.detail ?? ''}\nThis is a bug in Indicator Workbench; please report it.\n`);
      return error.kind === 'user' ? EXIT.userError : EXIT.bug;
    }
    io.stderr(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.bug;
  } finally {
    workbench?.dispose();
  }
}

/** Runs the CLI with the process's arguments and exits with its code. */
export function main(): void {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // A reader that stops early (`iwb query ... | head`) closes the pipe: stop
  // writing and let the command finish and clean up, as Unix tools do.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  runCli(
    process.argv.slice(2),
    {
      stdout: (text) => {
        if (!stdoutClosed) process.stdout.write(text);
      },
      stderr: (text) => void process.stderr.write(text),
    },
    interrupted,
  ).then(
    (code) => {
      process.exitCode = code;
      // Flush stdout before leaving; pending handles (none expected) must not keep the CLI alive.
      if (stdoutClosed) process.exit(code);
      else process.stdout.write('', () => process.exit(code));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(EXIT.bug);
    },
  );
}

if (require.main === module) main();

/**
 * --workspace, else IWB_WORKSPACE; an empty one is a usage error, not the
 * default workspace: `--workspace "$WS"` with WS unset must not import into
 * (or delete from) the planner's own workspace.
 */
function chosenWorkspace(option: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (option !== undefined && option.trim() === '') throw new UsageError('--workspace is empty; give a workspace folder or a .duckdb file');
  const fromEnv = env[WORKSPACE_ENV];
  if (option === undefined && fromEnv !== undefined && fromEnv.trim() === '') throw new UsageError(`${WORKSPACE_ENV} is set but empty; unset it, or give a workspace folder or a .duckdb file`);
  return option ?? fromEnv;
}
