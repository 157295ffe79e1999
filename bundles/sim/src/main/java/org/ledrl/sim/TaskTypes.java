package org.ledrl.sim;

import java.util.List;

/**
 * The built-in task types. Their ranges are slices of the scenario's {@code tasks.*} ranges, so an
 * override of {@code tasks.sizeKB} moves every type with it.
 */
final class TaskTypes {

    static final List<String> NAMES = List.of("video-analytics", "sensor-fusion", "control");

    private TaskTypes() {
    }

    static TaskType builtIn(String name, Range sizeKB, Range cyclesPerBit, double deadlineS) {
        switch (name) {
            case "video-analytics":
                return new TaskType(name, "Camera frames to analyse: large inputs, light compute per bit.", 1.0,
                        sizeKB.slice(0.5, 1.0), cyclesPerBit.slice(0.0, 0.5), deadlineS);
            case "sensor-fusion":
                return new TaskType(name, "Readings of several sensors to combine: small inputs, heavy compute "
                        + "per bit.", 1.0, sizeKB.slice(0.0, 0.5), cyclesPerBit.slice(0.5, 1.0), deadlineS);
            case "control":
                return new TaskType(name, "One step of a control loop: small inputs, light compute, half the "
                        + "usual deadline.", 1.0, sizeKB.slice(0.0, 0.5), cyclesPerBit.slice(0.0, 0.5),
                        deadlineS / 2);
            default:
                throw new IllegalArgumentException("no built-in task type " + name);
        }
    }
}
