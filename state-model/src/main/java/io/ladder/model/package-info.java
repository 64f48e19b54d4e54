/**
 * The ordinal feedback-progression model and per-user state, pure Java (no Flink: see
 * ArchitectureTest). docs/MODELS.md sections 1-4 give the formulas.
 *
 * <p>How the job uses it, per user key:
 *
 * <ol>
 *   <li>Build one {@link io.ladder.model.UserModel} from a {@link io.ladder.model.UserModelConfig}
 *       and the item tower's {@link io.ladder.model.OrdinalModel}; it is immutable and shared.
 *   <li>Keep one {@link io.ladder.model.UserState} per user (new ones from {@code
 *       newState(towerVersion)}); store it with {@link io.ladder.model.UserStateSerializer}.
 *   <li>When {@code state.modelVersion()} differs from the current tower version, call {@code
 *       refold(state, itemVectors, version)} before anything else.
 *   <li>On an engagement event: {@code update(state, level, itemId, itemVector, time)}, then {@code
 *       config.negativesPerEvent()} times {@code negative(state, sampledVector, time)}.
 *   <li>For candidates: {@code queries(state, now)} gives one index query per interest with its
 *       share of k; score the union plus {@code state.recentItems()} with {@code score(...)} and
 *       drop items for which {@code state.hasPurchased(id)}.
 * </ol>
 */
package io.ladder.model;
