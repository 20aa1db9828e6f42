import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkNotebook } from '@shared/domain/notebook/notebookCheck';
import { NotebookFormatError, problemText } from '@shared/domain/notebook/notebookProblem';
import { decodeNotebookBytes } from '@shared/domain/notebook/notebookSource';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';

/** The command line speaks English, as it prints the English message of every localized error. */
const CLI_LANGUAGE = 'en';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check notebooks without running them / 检查笔记本',
  usage: 'iwb check NOTEBOOK...\n\nPrints FILE:LINE: error|warning: PROBLEM for each problem. Exit codes: 0 no errors, 1 errors (or a file that is not a notebook).',
  options: {},
  allowPositionals: true,
  async run(_values, positionals, context) {
    if (positionals.length === 0) throw new UsageError('Give one or more notebook files, e.g. iwb check queries/*.iwb.md');
    let errors = 0;
    for (const given of positionals) {
      const path = resolve(given);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path));
      } catch (error) {
        context.stderr(`${given}: error: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
        errors += 1;
        continue;
      }
      try {
        const problems = checkNotebook(parseNotebook(decodeNotebookBytes(bytes)));
        for (const item of problems) context.stdout(`${given}:${item.line ?? 1}: ${item.severity}: ${problemText(item, CLI_LANGUAGE)}\n`);
        const count = problems.filter((item) => item.severity === 'error').length;
        errors += count;
        if (problems.length === 0) context.stdout(`${given}: ok\n`);
      } catch (error) {
        if (!(error instanceof NotebookFormatError)) throw error;
        context.stdout(`${given}:${error.problem.line ?? 1}: error: ${problemText(error.problem, CLI_LANGUAGE)}\n`);
        errors += 1;
      }
    }
    return errors > 0 ? EXIT.userError : EXIT.ok;
  },
};
