package org.ledrl.reflect;

/**
 * The rules' thresholds and the memory's bounds, all in simulated or live time slots. The package
 * documentation explains what each threshold triggers. The DS service fills it from its Metatype
 * configuration; a simulation run builds one in code, usually {@link #defaults()} with a few
 * {@code with...} changes.
 *
 * @param slotMillis             length of one time slot on the environment's clock
 * @param windowSlots            how far back the rules look, in slots
 * @param nodeFailureThreshold   failures on a node within the window that make it a failing node
 * @param overloadMissThreshold  deadline misses or full queues on a node within the window that make it overloaded
 * @param overloadShare          least share of the node's tasks in the window that must have missed, in (0,1]
 * @param linkFailureThreshold   failures on a link within the window that make it a failing link
 * @param slowLinkMissThreshold  deadline misses of one task type sent over a link that make the link slow for it
 * @param slowLinkShare          least share of that type's transfers over the link that must have missed, in (0,1]
 * @param typeMinTasks           tasks of one type that must have ended in the window before the type is judged
 * @param typeFailureShare       share of those tasks that must have failed, in (0,1]
 * @param retentionSlots         a lesson without new evidence for this long is forgotten
 * @param recencyHalfLifeSlots   age at which a lesson's recall weight has halved
 * @param maxLessons             cap of the long-term memory; the weakest, oldest lesson is evicted first
 * @param shortTermPerSubject    cap of the short-term records kept per node, link or task type
 * @param maxShortTermSubjects   cap of the nodes, links and task types with short-term records; the one
 *                               with the oldest record is evicted first
 */
public record MemorySettings(long slotMillis, int windowSlots, int nodeFailureThreshold, int overloadMissThreshold,
                             double overloadShare, int linkFailureThreshold, int slowLinkMissThreshold,
                             double slowLinkShare, int typeMinTasks, double typeFailureShare, int retentionSlots,
                             int recencyHalfLifeSlots, int maxLessons, int shortTermPerSubject,
                             int maxShortTermSubjects) {

    /**
     * @throws IllegalArgumentException naming the first setting that is out of range and its value
     */
    public MemorySettings {
        atLeast("slotMillis", slotMillis, 1);
        atLeast("windowSlots", windowSlots, 1);
        atLeast("nodeFailureThreshold", nodeFailureThreshold, 1);
        atLeast("overloadMissThreshold", overloadMissThreshold, 1);
        share("overloadShare", overloadShare);
        atLeast("linkFailureThreshold", linkFailureThreshold, 1);
        atLeast("slowLinkMissThreshold", slowLinkMissThreshold, 1);
        share("slowLinkShare", slowLinkShare);
        atLeast("typeMinTasks", typeMinTasks, 1);
        share("typeFailureShare", typeFailureShare);
        atLeast("retentionSlots", retentionSlots, windowSlots);
        atLeast("recencyHalfLifeSlots", recencyHalfLifeSlots, 1);
        atLeast("maxLessons", maxLessons, 1);
        // a rule can only fire when the short-term memory holds as many records as its threshold asks for
        int largestThreshold = Math.max(Math.max(nodeFailureThreshold, overloadMissThreshold),
                Math.max(Math.max(linkFailureThreshold, slowLinkMissThreshold), typeMinTasks));
        atLeast("shortTermPerSubject", shortTermPerSubject, largestThreshold);
        atLeast("maxShortTermSubjects", maxShortTermSubjects, 1);
    }

    /** The documented defaults: one-second slots, a 20-slot window, three strikes for nodes and links. */
    public static MemorySettings defaults() {
        return new MemorySettings(1000, 20, 3, 3, 0.5, 3, 3, 0.5, 8, 0.6, 300, 50, 100, 64, 128);
    }

    /**
     * The defaults on a simulated clock of {@code slotSeconds} per slot: the memory of one simulated run (an experiment's
     * run or a training episode), so that both remember alike.
     */
    public static MemorySettings simulated(double slotSeconds) {
        return defaults().withTime((long) (slotSeconds * 1000), 20, 300, 50);
    }

    /** The rules' look-back in milliseconds. */
    public long windowMillis() {
        return windowSlots * slotMillis;
    }

    public long retentionMillis() {
        return retentionSlots * slotMillis;
    }

    public MemorySettings withCaps(int maxLessons, int shortTermPerSubject, int maxShortTermSubjects) {
        return new MemorySettings(slotMillis, windowSlots, nodeFailureThreshold, overloadMissThreshold, overloadShare,
                linkFailureThreshold, slowLinkMissThreshold, slowLinkShare, typeMinTasks, typeFailureShare,
                retentionSlots, recencyHalfLifeSlots, maxLessons, shortTermPerSubject, maxShortTermSubjects);
    }

    public MemorySettings withTime(long slotMillis, int windowSlots, int retentionSlots, int recencyHalfLifeSlots) {
        return new MemorySettings(slotMillis, windowSlots, nodeFailureThreshold, overloadMissThreshold, overloadShare,
                linkFailureThreshold, slowLinkMissThreshold, slowLinkShare, typeMinTasks, typeFailureShare,
                retentionSlots, recencyHalfLifeSlots, maxLessons, shortTermPerSubject, maxShortTermSubjects);
    }

    private static void atLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(
                    "reflective memory setting " + name + " must be at least " + least + ", not " + value);
        }
    }

    private static void share(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(
                    "reflective memory setting " + name + " must be a share in (0,1], not " + value);
        }
    }
}
