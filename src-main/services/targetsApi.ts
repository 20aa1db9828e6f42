import type { ImplementationOf } from '@shared/contract/contractKit';
import type { targetsContract } from '@shared/contract/services/targetsContract';
import type { Scenario } from '@shared/domain/projection/scenario';
import {
  addUserTarget,
  createTargetTables,
  listScenarios,
  loadTargetBoard,
  removeScenario,
  removeUserTarget,
  saveScenario,
  saveScenarioResults,
  updateUserTarget,
  type ExecSql,
} from '../targets/targetStore';
import type { ServiceContext } from './ServiceContext';

/** Internal statements on the engine's aux connection, as row objects. */
export function engineExec(context: ServiceContext): ExecSql {
  return async (sql, params) => (await context.engine.call('exec', params ? { sql, params } : { sql })).rows as Record<string, unknown>[];
}

/** Targets and scenarios: the board's data, user targets, saved scenarios and `scenario_results`, all in targetStore. */
export function createTargetsApi(context: ServiceContext): ImplementationOf<typeof targetsContract> {
  const exec = engineExec(context);
  return {
    targets: {
      board: () => loadTargetBoard(exec),
      add: async (target) => ({ targetId: await addUserTarget(exec, target) }),
      update: async ({ targetId, target }) => {
        await updateUserTarget(exec, targetId, target);
        return { targetId };
      },
      remove: async ({ targetId }) => {
        await removeUserTarget(exec, targetId);
        return { removed: true };
      },
    },
    scenarios: {
      list: () => listScenarios(exec),
      save: async ({ scenario }) => {
        await saveScenario(exec, scenario as Scenario);
        return { scenarioId: scenario.id };
      },
      remove: async ({ scenarioId }) => ({ removed: await removeScenario(exec, scenarioId) }),
      saveResults: ({ rows }) => saveScenarioResults(exec, rows),
    },
  };
}

/** Start-up: the workspace's target and scenario tables exist, so SQL can read them from the first moment. */
export async function initializeTargetTables(context: ServiceContext): Promise<void> {
  await createTargetTables(engineExec(context));
}
