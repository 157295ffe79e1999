package org.ledrl.metrics;

/**
 * What one node did over a run.
 *
 * @param node       node id
 * @param executed   tasks sent to it for execution (whatever their outcome)
 * @param succeeded  of those, tasks that succeeded
 * @param failed     of those, tasks that failed
 * @param nodeFailures hardware and software failures of the node itself
 */
public record NodeLoad(int node, long executed, long succeeded, long failed, long nodeFailures) {
}
