import type { ContractSpec, ImplementationOf } from '@shared/contract/contractKit';
import { workbenchContract } from '@shared/contract/workbenchContract';
import type { Workbench } from '../../services/createWorkbench';
import { startHttpHost } from '../../host/httpHost';
import { rendererDirectory } from '../../host/rendererDirectory';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the workbench UI on 127.0.0.1 (browser mode) / 浏览器模式',
  usage: 'iwb serve [--port N] [--workspace PATH]',
  options: { port: { type: 'string' } },
  handlesInterrupt: true,
  allowPositionals: false,
  async run(values, _positionals, context) {
    const portText = values.port as string | undefined;
    const port = portText === undefined ? 0 : Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${portText}")`);
    }
    // Start-up is lazy: the address is printed as soon as the server listens, while the
    // engine process starts and the workspace opens; calls made meanwhile wait for it.
    const opening = context.openWorkbench('browser');
    opening.catch(() => undefined);
    const host = await startHttpHost({
      contract: workbenchContract,
      implementation: deferredImplementation(workbenchContract, opening.then((workbench) => workbench.service.api)),
      subscribe: (listener) => subscribeWhenOpen(opening, listener),
      staticDirectory: rendererDirectory(),
      port,
    });
    context.stdout(
      [
        '指标工作台 Indicator Workbench: browser mode / 浏览器模式',
        `  ${host.url}`,
        '  Open the address above in Chrome, Edge or Firefox on this computer. Press Ctrl+C to stop.',
        '  在本机浏览器中打开上面的地址；按 Ctrl+C 停止。',
        '',
      ].join('\n'),
    );
    let workbench: Workbench;
    try {
      workbench = await opening;
    } catch (error) {
      await host.close();
      throw error;
    }
    context.stdout(`  workspace / 工作区: ${workbench.workspace.databaseFile}\n`);
    await context.interrupted;
    await host.close();
    return EXIT.ok;
  },
};

/** The implementation of `contract` once `ready` resolves: every call waits for it (and fails as it fails). */
function deferredImplementation<C extends ContractSpec>(contract: C, ready: Promise<ImplementationOf<C>>): ImplementationOf<C> {
  const deferred: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    deferred[service] = Object.fromEntries(
      Object.keys(methods).map((name) => [
        name,
        async (input: unknown) => {
          const implementation = (await ready) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
          return implementation[service]![name]!(input);
        },
      ]),
    );
  }
  return deferred as unknown as ImplementationOf<C>;
}

function subscribeWhenOpen(opening: Promise<Workbench>, listener: (name: string, payload: unknown) => void): () => void {
  let active = true;
  let stop: () => void = () => undefined;
  void opening.then(
    (workbench) => {
      if (active) stop = workbench.service.onDidEmit(listener);
    },
    () => undefined,
  );
  return () => {
    active = false;
    stop();
  };
}
