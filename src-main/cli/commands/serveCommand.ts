import { workbenchContract } from '@shared/contract/workbenchContract';
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
    const workbench = await context.openWorkbench('browser');
    const host = await startHttpHost({
      contract: workbenchContract,
      implementation: workbench.service.api,
      subscribe: (listener) => workbench.service.onDidEmit(listener),
      staticDirectory: rendererDirectory(),
      port,
    });
    context.stdout(
      [
        '指标工作台 Indicator Workbench: browser mode / 浏览器模式',
        `  ${host.url}`,
        `  workspace / 工作区: ${workbench.workspace.databaseFile}`,
        '  Open the address above in Chrome, Edge or Firefox on this computer. Press Ctrl+C to stop.',
        '  在本机浏览器中打开上面的地址；按 Ctrl+C 停止。',
        '',
      ].join('\n'),
    );
    await context.interrupted;
    await host.close();
    return EXIT.ok;
  },
};
