import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { TargetBoard, UserTargetInput } from '@shared/contract/services/targetsContract';
import { solveAssumption } from '@shared/domain/projection/goalSeek';
import { runMonteCarlo, type MonteCarloResult } from '@shared/domain/projection/monteCarlo';
import {
  assessScenario,
  assumptionKeyOf,
  defaultScenarios,
  evaluateScenario,
  simulationTargets,
  type ProjectionCache,
  type Scenario,
  type ScenarioId,
  type TargetAssessment,
  type TargetAssumptions,
  type TargetInput,
} from '@shared/domain/projection/scenario';
import { scenarioResultRows } from '@shared/domain/projection/scenarioResults';
import { goalSeekRow, type AssumptionKey } from '@shared/domain/projection/assumptionTable';
import { targetModelFor, type ModelNote } from '@shared/domain/targets/targetModel';
import { createMonteCarloRunner, type MonteCarloRunner } from './monteCarloRunner';
import type { SliceCreator, WorkbenchState } from './workbenchStore';

/** One target under one scenario: its assessment, or why it could not be projected. */
export type TargetOutcome = { ok: true; assessment: TargetAssessment } | { ok: false; message: string };

/** The assumption goal seek moved, and to what. */
export interface GoalSeekOutcome {
  assumption: keyof TargetAssumptions;
  value: number;
}

export interface TargetsSlice {
  board: TargetBoard | null;
  boardLoading: boolean;
  boardError: ErrorEnvelope | null;
  /** Built-in scenarios (or their saved versions) first, then the user's. */
  scenarios: Scenario[];
  /** Scenarios with edits not yet saved. */
  unsavedScenarioIds: string[];
  selectedScenarioId: string;
  selectedTargetId: string | null;
  /** By scenario id, then target id. */
  outcomes: Record<string, Record<string, TargetOutcome>>;
  /** Scenarios whose probabilities are being recomputed. */
  simulatingScenarioIds: string[];
  /** By target id: how the target is modelled and what it falls back from. */
  modelNotes: Record<string, ModelNote[]>;
  /** The model of each target that can be projected (its data and baseline assumptions). */
  targetInputs: TargetInput[];
  targetsNotice: string | null;
  loadBoard(): Promise<void>;
  selectScenario(scenarioId: string): void;
  selectTarget(targetId: string | null): void;
  /** Changes one target's assumptions in one scenario; projections update at once, probabilities shortly after. */
  setAssumption(scenarioId: string, targetId: string, patch: Partial<TargetAssumptions>): void;
  /** Finds the assumption value that just meets the target, and applies it. */
  goalSeek(scenarioId: string, targetId: string): GoalSeekOutcome;
  createScenario(name: string): void;
  renameScenario(scenarioId: string, name: string): void;
  saveScenario(scenarioId: string): Promise<void>;
  deleteScenario(scenarioId: string): Promise<void>;
  /** Writes every scenario's results to `scenario_results`; returns the row count. */
  saveScenarioResults(): Promise<number>;
  addTarget(target: UserTargetInput): Promise<string>;
  updateTarget(targetId: string, target: UserTargetInput): Promise<void>;
  removeTarget(targetId: string): Promise<void>;
  /** Resolves when pending probabilities have been recomputed. */
  settleSimulations(): Promise<void>;
  dismissTargetsNotice(): void;
}

/** Simulated paths per scenario: P10/P90 and probabilities to about ±0.5 points, in a few tens of milliseconds. */
export const SIMULATION_PATHS = 20_000;
export const SIMULATION_SEED = 1;
/**
 * Paths of the quick in-page simulation run on every slider input (about a
 * millisecond for all targets), so the status and probability move with the
 * slider; the worker then refines them with SIMULATION_PATHS.
 */
export const QUICK_SIMULATION_PATHS = 2_000;
/** Quiet time after the last slider input before the probabilities are recomputed. */
export const SIMULATION_DEBOUNCE_MS = 150;

const BUILT_IN_IDS = new Set(['baseline', 'optimistic', 'pessimistic']);

export function isBuiltInScenario(scenarioId: string): boolean {
  return BUILT_IN_IDS.has(scenarioId);
}

export function createTargetsSliceWith(runner: MonteCarloRunner): SliceCreator<TargetsSlice> {
  return (api) => (set, get) => {
    // Not state: rebuilt from the board, and the cache holds fitted projections between slider moves.
    let inputs: TargetInput[] = [];
    let cache: ProjectionCache = new Map();
    const simulations = new Map<string, MonteCarloResult>();
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const running = new Map<string, Promise<void>>();
    let generation = 0;
    /** The latest loadBoard call: an older reply that lands after a newer one is dropped (two quick edits reload twice). */
    let boardRequest = 0;

    const evaluate = (scenario: Scenario, monteCarlo: MonteCarloResult | null, only: readonly TargetInput[] = inputs): Record<string, TargetOutcome> => {
      const outcomes: Record<string, TargetOutcome> = {};
      for (const input of only) {
        try {
          const [projection] = evaluateScenario([input], scenario, cache);
          const [assessment] = assessScenario([projection!], monteCarlo);
          outcomes[input.definition.id] = { ok: true, assessment: assessment! };
        } catch (error) {
          outcomes[input.definition.id] = { ok: false, message: error instanceof Error ? error.message : String(error) };
        }
      }
      return outcomes;
    };

    /**
     * Projections with a small in-thread simulation: answers at once, close to
     * the worker's figures. Only the targets whose assumptions changed (those
     * sharing `key`) are recomputed; every other row keeps its previous
     * outcome, simulated figures included, until the worker's run replaces all.
     */
    const evaluateQuickly = (scenario: Scenario, key: string): Record<string, TargetOutcome> => {
      const affected = inputs.filter((input) => assumptionKeyOf(input.definition) === key);
      const previous = get().outcomes[scenario.id] ?? {};
      const deterministic = evaluate(scenario, null, affected);
      const targets = simulationTargets(Object.values(deterministic).flatMap((outcome) => (outcome.ok ? [outcome.assessment] : [])));
      if (targets.length === 0) return { ...previous, ...deterministic };
      try {
        return { ...previous, ...evaluate(scenario, runMonteCarlo({ targets, paths: QUICK_SIMULATION_PATHS, seed: SIMULATION_SEED }), affected) };
      } catch {
        return { ...previous, ...deterministic };
      }
    };

    const simulate = async (scenarioId: string): Promise<void> => {
      const scenario = get().scenarios.find((candidate) => candidate.id === scenarioId);
      if (!scenario) return;
      const started = generation;
      const projections = Object.values(evaluate(scenario, null)).flatMap((outcome) => (outcome.ok ? [outcome.assessment] : []));
      const targets = simulationTargets(projections);
      try {
        const result = targets.length === 0 ? null : await runner({ targets, paths: SIMULATION_PATHS, seed: SIMULATION_SEED });
        // A newer board or a newer edit of this scenario supersedes this result.
        if (started !== generation || timers.has(scenarioId) || get().scenarios.find((candidate) => candidate.id === scenarioId) !== scenario) return;
        if (result) simulations.set(scenarioId, result);
        set((state) => ({
          outcomes: { ...state.outcomes, [scenarioId]: evaluate(scenario, result) },
          simulatingScenarioIds: state.simulatingScenarioIds.filter((id) => id !== scenarioId),
        }));
      } catch (error) {
        set((state) => ({
          targetsNotice: error instanceof Error ? error.message : String(error),
          simulatingScenarioIds: state.simulatingScenarioIds.filter((id) => id !== scenarioId),
        }));
      }
    };

    const startSimulation = (scenarioId: string): void => {
      const task = simulate(scenarioId).finally(() => {
        if (running.get(scenarioId) === task) running.delete(scenarioId);
      });
      running.set(scenarioId, task);
    };

    const scheduleSimulation = (scenarioId: string, delay: number): void => {
      clearTimeout(timers.get(scenarioId));
      simulations.delete(scenarioId);
      set((state) => ({
        simulatingScenarioIds: state.simulatingScenarioIds.includes(scenarioId) ? state.simulatingScenarioIds : [...state.simulatingScenarioIds, scenarioId],
      }));
      timers.set(
        scenarioId,
        setTimeout(() => {
          timers.delete(scenarioId);
          startSimulation(scenarioId);
        }, delay),
      );
    };

    const recomputeAll = (): void => {
      const outcomes: Record<string, Record<string, TargetOutcome>> = {};
      for (const scenario of get().scenarios) outcomes[scenario.id] = evaluate(scenario, null);
      set({ outcomes });
      for (const scenario of get().scenarios) scheduleSimulation(scenario.id, 0);
    };

    const updateScenario = (scenarioId: string, change: (scenario: Scenario) => Scenario): void => {
      set((state) => ({
        scenarios: state.scenarios.map((scenario) => (scenario.id === scenarioId ? change(scenario) : scenario)),
        unsavedScenarioIds: state.unsavedScenarioIds.includes(scenarioId) ? state.unsavedScenarioIds : [...state.unsavedScenarioIds, scenarioId],
      }));
    };

    const fail = (error: unknown): never => {
      set({ boardError: toErrorEnvelope(error) });
      throw error;
    };

    return {
      board: null,
      boardLoading: false,
      boardError: null,
      scenarios: [],
      unsavedScenarioIds: [],
      selectedScenarioId: 'baseline',
      selectedTargetId: null,
      outcomes: {},
      simulatingScenarioIds: [],
      modelNotes: {},
      targetInputs: [],
      targetsNotice: null,

      loadBoard: async () => {
        const request = ++boardRequest;
        set({ boardLoading: true, boardError: null });
        try {
          const [board, stored] = await Promise.all([api.targets.board({}), api.scenarios.list({})]);
          if (request !== boardRequest) return;
          generation++;
          for (const timer of timers.values()) clearTimeout(timer);
          timers.clear();
          simulations.clear();
          cache = new Map();
          const modelNotes: Record<string, ModelNote[]> = {};
          inputs = [];
          for (const target of board.targets) {
            const choice = targetModelFor(target, board.spreadPriors);
            modelNotes[target.targetId] = choice.notes;
            if (choice.input) inputs.push(choice.input);
          }
          const storedById = new Map(stored.scenarios.map((scenario) => [scenario.id as string, scenario]));
          // Edits not saved yet survive a reload (after adding a target, say); saved ones come from the table.
          const unsavedIds = get().unsavedScenarioIds;
          const unsaved = get().scenarios.filter((scenario) => unsavedIds.includes(scenario.id));
          for (const scenario of unsaved) storedById.set(scenario.id, scenario);
          const builtIns = defaultScenarios(inputs).map((scenario) => storedById.get(scenario.id) ?? scenario);
          const custom = [...storedById.values()].filter((scenario) => !isBuiltInScenario(scenario.id));
          const scenarios = [...builtIns, ...custom];
          const selected = get().selectedScenarioId;
          const selectedTarget = get().selectedTargetId;
          set({
            board,
            boardLoading: false,
            scenarios,
            unsavedScenarioIds: unsaved.map((scenario) => scenario.id),
            modelNotes,
            targetInputs: inputs,
            selectedScenarioId: scenarios.some((scenario) => scenario.id === selected) ? selected : 'baseline',
            selectedTargetId: board.targets.some((target) => target.targetId === selectedTarget) ? selectedTarget : (board.targets[0]?.targetId ?? null),
            targetsNotice: stored.problems.length > 0 ? stored.problems.map((problem) => `${problem.scenarioId}: ${problem.message}`).join('; ') : null,
          });
          recomputeAll();
        } catch (error) {
          if (request === boardRequest) set({ boardLoading: false, boardError: toErrorEnvelope(error) });
        }
      },

      selectScenario: (scenarioId) => set({ selectedScenarioId: scenarioId }),
      selectTarget: (targetId) => set({ selectedTargetId: targetId }),

      setAssumption: (scenarioId, targetId, patch) => {
        const input = inputs.find((candidate) => candidate.definition.id === targetId);
        const key = input ? assumptionKeyOf(input.definition) : targetId;
        updateScenario(scenarioId, (scenario) => {
          const merged: TargetAssumptions = { ...scenario.assumptions[key], ...patch };
          for (const name of Object.keys(merged) as (keyof TargetAssumptions)[]) if (merged[name] === undefined) delete merged[name];
          return { ...scenario, assumptions: { ...scenario.assumptions, [key]: merged } };
        });
        const scenario = get().scenarios.find((candidate) => candidate.id === scenarioId)!;
        set((state) => ({ outcomes: { ...state.outcomes, [scenarioId]: evaluateQuickly(scenario, key) } }));
        globalThis.performance?.mark?.('iwb:step-computed');
        scheduleSimulation(scenarioId, SIMULATION_DEBOUNCE_MS);
      },

      goalSeek: (scenarioId, targetId) => {
        const input = inputs.find((candidate) => candidate.definition.id === targetId);
        const scenario = get().scenarios.find((candidate) => candidate.id === scenarioId);
        if (!input || !scenario) throw new Error(`Nothing to goal-seek for ${targetId}`);
        const { target } = input.definition;
        // Just past the target for '>' (equal does not meet it), the target itself otherwise.
        const goal = target.comparator === '>' ? target.value + Math.max(1e-9, Math.abs(target.value) * 1e-9) : target.value;
        const knob = goalSeekKnob(input);
        const projected = (x: number) => {
          const key = assumptionKeyOf(input.definition);
          const trial: Scenario = { ...scenario, assumptions: { ...scenario.assumptions, [key]: { ...scenario.assumptions[key], [knob.assumption]: x } } };
          return evaluateScenario([input], trial, cache)[0]!.projectedValue;
        };
        const value = solveAssumption(projected, goal, { lower: knob.lower, upper: knob.upper, name: knob.assumption });
        const rounded = knob.round(value, projected, goal);
        get().setAssumption(scenarioId, targetId, { [knob.assumption]: rounded });
        return { assumption: knob.assumption, value: rounded };
      },

      createScenario: (name) => {
        const source = get().scenarios.find((scenario) => scenario.id === get().selectedScenarioId) ?? get().scenarios[0];
        const id = `s${Date.now().toString(36)}` as ScenarioId;
        const scenario: Scenario = { id, name, kind: 'custom', assumptions: structuredClone(source?.assumptions ?? {}) };
        set((state) => ({ scenarios: [...state.scenarios, scenario], selectedScenarioId: id, unsavedScenarioIds: [...state.unsavedScenarioIds, id] }));
        set((state) => ({ outcomes: { ...state.outcomes, [id]: evaluate(scenario, null) } }));
        scheduleSimulation(id, 0);
      },

      renameScenario: (scenarioId, name) => updateScenario(scenarioId, (scenario) => ({ ...scenario, name })),

      saveScenario: async (scenarioId) => {
        const scenario = get().scenarios.find((candidate) => candidate.id === scenarioId);
        if (!scenario) return;
        try {
          await api.scenarios.save({ scenario });
          set((state) => ({ unsavedScenarioIds: state.unsavedScenarioIds.filter((id) => id !== scenarioId) }));
        } catch (error) {
          fail(error);
        }
      },

      deleteScenario: async (scenarioId) => {
        try {
          await api.scenarios.remove({ scenarioId });
        } catch (error) {
          fail(error);
        }
        if (isBuiltInScenario(scenarioId)) {
          // A built-in scenario is reset to its defaults rather than removed.
          set((state) => ({ unsavedScenarioIds: state.unsavedScenarioIds.filter((id) => id !== scenarioId) }));
          await get().loadBoard();
          return;
        }
        set((state) => {
          const outcomes = { ...state.outcomes };
          delete outcomes[scenarioId];
          return {
            scenarios: state.scenarios.filter((scenario) => scenario.id !== scenarioId),
            outcomes,
            unsavedScenarioIds: state.unsavedScenarioIds.filter((id) => id !== scenarioId),
            selectedScenarioId: state.selectedScenarioId === scenarioId ? 'baseline' : state.selectedScenarioId,
          };
        });
      },

      saveScenarioResults: async () => {
        await get().settleSimulations();
        const state = get();
        const rows = state.scenarios.flatMap((scenario) =>
          scenarioResultRows(
            scenario,
            Object.values(state.outcomes[scenario.id] ?? {}).flatMap((outcome) => (outcome.ok ? [outcome.assessment] : [])),
          ),
        );
        try {
          const written = await api.scenarios.saveResults({ rows });
          return written.rows;
        } catch (error) {
          return fail(error);
        }
      },

      addTarget: async (target) => {
        const { targetId } = await api.targets.add(target);
        set({ selectedTargetId: targetId });
        await get().loadBoard();
        return targetId;
      },
      updateTarget: async (targetId, target) => {
        await api.targets.update({ targetId, target });
        await get().loadBoard();
      },
      removeTarget: async (targetId) => {
        await api.targets.remove({ targetId });
        await get().loadBoard();
      },

      dismissTargetsNotice: () => set({ targetsNotice: null }),

      settleSimulations: async () => {
        for (const [scenarioId, timer] of timers) {
          clearTimeout(timer);
          timers.delete(scenarioId);
          startSimulation(scenarioId);
        }
        while (running.size > 0) await Promise.all(running.values());
      },
    };
  };
}

export const createTargetsSlice: SliceCreator<TargetsSlice> = (api) => createTargetsSliceWith(createMonteCarloRunner())(api);

interface GoalSeekKnob {
  assumption: AssumptionKey;
  lower: number;
  upper: number;
  /** Rounds to the slider's step without falling back below the goal. */
  round(value: number, projected: (x: number) => number, goal: number): number;
}

/** Goal seek moves the model's marked knob within the assumption table's range, and rounds to its step. */
function goalSeekKnob(input: TargetInput): GoalSeekKnob {
  const row = goalSeekRow(input);
  const digits = Math.max(0, -Math.floor(Math.log10(row.step)));
  const round = (value: number, projected: (x: number) => number, goal: number) => {
    const rounded = Number((Math.round(value / row.step) * row.step).toFixed(digits));
    return projected(rounded) >= goal ? rounded : Number((rounded + row.step).toFixed(digits));
  };
  return { assumption: row.key, lower: row.min, upper: row.max, round };
}

/** Narrow selector helpers for components. */
export const selectOutcome = (scenarioId: string, targetId: string) => (state: WorkbenchState) => state.outcomes[scenarioId]?.[targetId];
