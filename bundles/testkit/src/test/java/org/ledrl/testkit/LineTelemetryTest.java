package org.ledrl.testkit;

import java.time.Duration;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;

/** The telemetry contract passes a careful source (and fails a careless one: {@link BrokenExamplesTest}). */
class LineTelemetryTest extends TelemetrySourceContract {

    @Override
    protected Subject subject(ManualClock clock) {
        return subject(new LineTelemetry(clock, Duration.ofSeconds(10), true));
    }

    static Subject subject(LineTelemetry source) {
        Feed feed = new Feed() {
            @Override
            public void node(NodeStatus s) {
                source.accept(s.node() + "," + s.health() + "," + s.cpuGHz());
            }

            @Override
            public void link(LinkStatus status) {
                // the source reports one fixed link
            }

            @Override
            public void malformed() {
                source.accept("3,UP,fast");
            }
        };
        return new Subject(source, feed, Duration.ofSeconds(10), source::malformed, () -> { });
    }
}
