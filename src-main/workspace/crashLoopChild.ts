import { runCli } from '../cli/iwb';
import { atomicWriteFile } from '../notebook/atomicWriteFile';

/**
 * Test helper (crashLeftovers.test.ts), killed with SIGKILL at a random
 * moment. `save TARGET A B`: saves A and B in turn with atomicWriteFile,
 * printing a dot per save. `iwb ARGS…`: runs the CLI in this process (an
 * import, whose staging folder and engine a kill leaves behind).
 */
const [mode, ...rest] = process.argv.slice(2);

async function saveLoop(target: string, contents: string[]): Promise<void> {
  for (let index = 0; ; index++) {
    await atomicWriteFile(target, contents[index % contents.length]!);
    process.stdout.write('.');
  }
}

if (mode === 'save') void saveLoop(rest[0]!, rest.slice(1));
else
  void runCli(rest, { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) }, new Promise(() => undefined)).then((code) => process.exit(code));
