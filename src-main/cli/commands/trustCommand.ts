import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NotebookFormatError, describeProblemBilingual } from '@shared/domain/notebook/notebookProblem';
import { decodeNotebookBytes } from '@shared/domain/notebook/notebookSource';
import { parseNotebook, serializeNotebook } from '@shared/domain/notebook/notebookText';
import { atomicWriteFile } from '../../notebook/atomicWriteFile';
import { defaultSigningKeyFile, loadSigningKey, signatureIsValid, signNotebook } from '../../notebook/notebookSigning';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';
import { localizedError } from '@shared/contract/errorTexts';

export const trustCommand: CliCommand = {
  name: 'trust',
  summary: 'Trust notebooks: sign them with your key so they run unrestricted / 信任笔记本',
  usage:
    'iwb trust NOTEBOOK...\n\nSigns each notebook with your personal key (kept in your user data folder, never in a notebook).\n' +
    'Only trust notebooks whose SQL you have read: a trusted notebook can read and write any file you can.',
  options: {},
  allowPositionals: true,
  async run(_values, positionals, context) {
    if (positionals.length === 0) throw new UsageError('Give one or more notebook files to trust');
    const key = await loadSigningKey(defaultSigningKeyFile());
    for (const given of positionals) {
      const path = resolve(given);
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw localizedError('notebook-missing', { path });
        if (error.code === 'EISDIR') throw localizedError('notebook-is-folder', { path }, undefined, 'notebook-missing');
        throw error;
      });
      const text = decodeOrFail(new Uint8Array(bytes), given);
      const { document } = parseNotebook(text);
      if (signatureIsValid(document, key)) {
        context.stdout(`${given}: already trusted\n`);
        continue;
      }
      await atomicWriteFile(path, serializeNotebook({ ...document, signature: signNotebook(document, key) }, text));
      context.stdout(`${given}: trusted / 已信任\n`);
    }
    return EXIT.ok;
  },
};

function decodeOrFail(bytes: Uint8Array, name: string): string {
  try {
    const text = decodeNotebookBytes(bytes);
    parseNotebook(text);
    return text;
  } catch (error) {
    if (error instanceof NotebookFormatError) throw localizedError('notebook-trust-format', { file: name, problem: describeProblemBilingual(error.problem) }, undefined, 'notebook-format');
    throw error;
  }
}
