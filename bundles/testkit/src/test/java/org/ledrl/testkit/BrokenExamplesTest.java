package org.ledrl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Each deliberately broken plugin fails its contract, with a message that names the rule it broke. */
class BrokenExamplesTest {

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(BrokenExamples.IgnoresHealth.class, "choosesAnAvailableCandidateOrItsOwnNode",
                        OffloadingPolicyContract.AVAILABLE),
                Arguments.of(BrokenExamples.AssumesANeighbour.class, "handlesNoCandidatesAllDownAndStaleStatus",
                        OffloadingPolicyContract.EDGE_CASES),
                Arguments.of(BrokenExamples.SharedScratch.class, "isThreadSafeUnderConcurrentDecide",
                        OffloadingPolicyContract.THREAD_SAFE),
                Arguments.of(BrokenExamples.SharedCounter.class, "forRunCopiesAreIsolated",
                        OffloadingPolicyContract.ISOLATED),
                Arguments.of(BrokenExamples.ReadsAFileWhenDeciding.class, "doesNoIoOnTheHotPath",
                        OffloadingPolicyContract.NO_IO),
                Arguments.of(BrokenExamples.PassesOutOfRange.class, "refusesAnOutOfRangeAnswerWithAReason",
                        PriorProviderContract.REFUSED),
                Arguments.of(BrokenExamples.WaitsForever.class, "honoursItsTimeout", PriorProviderContract.TIMEOUT),
                Arguments.of(BrokenExamples.Throws.class, "letsNoExceptionEscape",
                        PriorProviderContract.NO_EXCEPTION),
                Arguments.of(BrokenExamples.Uncancellable.class, "canBeCancelled", PriorProviderContract.CANCEL),
                Arguments.of(BrokenExamples.CarelessTelemetry.class, "countsMalformedInputInsteadOfThrowing",
                        TelemetrySourceContract.MALFORMED),
                Arguments.of(BrokenExamples.CarelessTelemetry.class, "reportsStaleStatusAsUnknown",
                        TelemetrySourceContract.STALENESS));
    }

    @ParameterizedTest(name = "{0} breaks \"{2}\"")
    @MethodSource("broken")
    void failsWithTheRuleItBroke(Class<?> example, String test, String rule) {
        TestExecutionSummary summary = run(example, test);
        assertEquals(1, summary.getTestsStartedCount(), "the contract's test " + test + " ran");
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertEquals(1, failures.size(), example.getSimpleName() + " passed " + test);
        String message = failures.get(0).getException().getMessage();
        assertTrue(message.startsWith("rule broken: " + rule + ": "), "message: " + message);
    }

    static TestExecutionSummary run(Class<?> example, String test) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(example, test)).build(),
                listener);
        return listener.getSummary();
    }
}
