import type { ImplementationOf } from '@shared/contract/contractKit';
import type { targetsContract } from '@shared/contract/services/targetsContract';
import type { Scenario } from '@shared/domain/projection/scenario';
import {
  addUserTarget,
  listScenarios,
  loadTargetBoard,
  removeScenario,
  removeUserTarget,
  saveScenario,
  saveScenarioResults,
  updateUserTarget,
} from '../targets/targetStore';
import type { TargetEvaluation } from '../targets/targetEvaluation';
import type { ExecSql } from '../workspace/workspaceSql';

/** Targets and scenarios: the board's data, user targets, saved scenarios and `scenario_results`, all in targetStore. */
export function createTargetsApi(exec: ExecSql, evaluation: TargetEvaluation): ImplementationOf<typeof targetsContract> {
  return {
    targets: {
      board: () => loadTargetBoard(exec, evaluation),
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
