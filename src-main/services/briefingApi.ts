import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImplementationOf } from '@shared/contract/contractKit';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import type { briefingContract, BriefingExportFormat } from '@shared/contract/services/briefingContract';
import type { BriefingService } from '../briefing/BriefingService';
import type { ServiceContext } from './ServiceContext';

const BRIEFING_MIME_TYPES: Record<BriefingExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  pdf: 'application/pdf',
};

/** Briefings: the saved notebook run afresh by the BriefingService, returned as bytes or saved through the dialog. */
export function createBriefingApi(context: ServiceContext, briefings: BriefingService): ImplementationOf<typeof briefingContract> {
  return {
    briefing: {
      export: async (input) => {
        const problems: { en: string; zh: string }[] = [];
        const { run, briefing } = await briefings.run({
          notebookPath: input.path,
          overrides: input.parameters,
          outDirectory: null,
          images: { formats: [], required: false },
          briefing: { format: input.format, cells: input.cells ?? null },
          log: () => undefined,
          // Running restricted is not why a run failed.
          warn: (warning) => {
            if (warning.kind === 'problem') problems.push({ en: warning.en ?? warning.text, zh: warning.zh ?? warning.text });
          },
        });
        if (!briefing) {
          const said = problems.length > 0 ? bilingual(problems.map((problem) => problem.en).join('; '), problems.map((problem) => problem.zh).join('；')) : run.status;
          throw localizedError('briefing-notebook-failed', { problems: said });
        }
        const fileName = `${basename(input.path).replace(/\.iwb\.md$|\.md$/, '')}.${input.format}`;
        const result = {
          fileName,
          mimeType: BRIEFING_MIME_TYPES[input.format],
          byteLength: briefing.bytes.byteLength,
          figures: briefing.figures,
          tables: briefing.tables,
        };
        if (input.destination === 'dialog' && context.dialogs) {
          const path = await context.dialogs.chooseSavePath({
            defaultPath: join(context.exportDirectory(), fileName),
            filters: [{ name: input.format.toUpperCase(), extensions: [input.format] }],
          });
          if (path) await writeFile(path, briefing.bytes);
          return { ...result, savedTo: path };
        }
        return { ...result, bytes: briefing.bytes };
      },
    },
  };
}
