/**
 * The reflective evaluator: distils outcomes and network events into lessons, keeps them in a
 * bounded memory, and recalls the ones relevant to a node's situation for the prompt's memory
 * section ({@link org.ledrl.api.eval.ReflectiveMemory}). The DS service persists its memory and
 * the {@code memory} command shows it; a simulation run makes a private memory with the
 * {@link org.ledrl.reflect.ReflectiveEvaluatorFactory} service. The bundle's README.md says the same.
 *
 * <h2>Short-term memory</h2>
 * Each outcome becomes a record of the node that executed the task ({@code node:N}), of the link
 * it crossed when it crossed exactly one ({@code link:A-B}; the path of a multi-hop transfer is not
 * in the outcome), and of its task type ({@code type:T}). Each event becomes a record of its node or
 * link. At most {@code shortTermPerSubject} records are kept per subject and at most
 * {@code maxShortTermSubjects} subjects (the one with the oldest newest record leaves first). The
 * rules look at a subject's records of the last {@code windowSlots} slots (the window).
 *
 * <h2>Rules</h2>
 * After each record the rules of its subject judge its window. Thresholds are settings of
 * {@link org.ledrl.reflect.MemorySettings} (defaults in brackets). Tasks that ended with
 * {@code POLICY_ERROR} say nothing about the network and count for no rule.
 * <ol>
 * <li><b>failing-node</b> ({@code node:N}): node outages (hardware or software failure events),
 * tasks lost with {@code NODE_FAILED} and tasks ended with {@code EXECUTION_FAILURE} on N add up to
 * at least {@code nodeFailureThreshold} [3] in the window. "node 7 failed 4 times in the last 20
 * slots: went down once, 2 tasks lost when it failed, 1 execution failure".</li>
 * <li><b>overloaded-node</b> ({@code node:N}): at least {@code overloadMissThreshold} [3] tasks on N
 * ended with {@code DEADLINE_MISSED} or {@code QUEUE_FULL} in the window, and they are at least
 * {@code overloadShare} [0.5] of the tasks that ended on N there.</li>
 * <li><b>failing-link</b> ({@code link:A-B}): link failure events and one-hop transfers between A
 * and B that ended with {@code LINK_FAILED} or {@code TRANSMISSION_FAILURE} add up to at least
 * {@code linkFailureThreshold} [3] in the window.</li>
 * <li><b>slow-link</b> ({@code link:A-B}, per task type T): at least {@code slowLinkMissThreshold}
 * [3] tasks of type T sent over the link missed their deadline in the window, and they are at least
 * {@code slowLinkShare} [0.5] of the type-T tasks sent over it. Not judged for a task whose
 * executor is an overloaded node at that moment: those misses are the node's. "link 3-5 is slow
 * when video tasks pile up: 4 of 5 sent over it in the last 20 slots missed the deadline".</li>
 * <li><b>failing-task-type</b> ({@code type:T}): at least {@code typeMinTasks} [8] tasks of type T
 * ended in the window, and at least {@code typeFailureShare} [0.6] of them failed; the text names the
 * commonest reason.</li>
 * </ol>
 * A rule that fires creates its lesson, with the supporting records in the window as its evidence,
 * or rewrites the text of the existing one. Each later record that supports the lesson (an outage
 * or lost task for failing-node, a miss for overloaded-node, and so on) adds one to its evidence and
 * sets its time of last evidence, even when the rule no longer fires; the text then keeps the
 * numbers of the last time it fired.
 *
 * <h2>Ageing and bounds</h2>
 * A lesson without new evidence for {@code retentionSlots} [300] is forgotten. Its strength is its
 * recency, halving every {@code recencyHalfLifeSlots} [50] since its last evidence, times its
 * evidence weight {@code e/(e+3)}. Beyond {@code maxLessons} [100] the weakest lesson is evicted
 * (the older on a tie).
 *
 * <h2>Recall</h2>
 * A lesson's score is relevance x strength. Relevance for a node asking with its candidates in
 * view: its own {@code node:} lessons 1.0, a neighbour's (one hop) 0.8, a farther candidate's 0.5;
 * a link from the asker to a neighbour 0.9, a link between two other nodes in view 0.5; the task's
 * own type 0.7; a slow-link lesson about another task type counts 0.4 of its link's relevance.
 * Lessons out of view are not recalled.
 *
 * <h2>Clock</h2>
 * The memory's clock is the timestamps of outcomes and events. After an episode ends, or when a
 * timestamp jumps back by more than the window (a simulator restarting its clock), the clock goes
 * on one slot after the latest time seen, so memories carry over from episode to episode.
 *
 * <h2>Prose</h2>
 * An optional {@link org.ledrl.reflect.LessonRewriter} service may rewrite a lesson's text into
 * prose (e.g. with an LLM); without one, or while it works, prompts get the rules' text.
 */
@Export
@Version("2.1.0")
package org.ledrl.reflect;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
