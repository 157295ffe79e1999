package org.ledrl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ledrl soak} for one minute on the edge profile: a real gateway process and a real broker, driven over
 * MQTT; the minute's figures are printed and written, and nothing it started is left running. Training prints no
 * warning on a machine without a GPU.
 */
class SoakIT {

    @TempDir
    Path folder;

    @Test
    void aOneMinuteSoakPassesReportsItsMinuteAndStopsWhatItStarted() throws Exception {
        Installation installation = Installation.copyInto(folder);

        // the edge profile has no REST API: every decision goes over MQTT, here at the MQTT rate of issue 23's load
        LedrlProcess.Result soak = installation.run(Duration.ofMinutes(4), "soak", "--minutes", "1", "--rate", "0",
                "--mqtt-rate", "30", "--switch-seconds", "15", "--out", "runs/soak");

        assertEquals(0, soak.exitStatus(), soak::describe);
        assertTrue(soak.stdout().contains("minute   1: heap after GC"), soak::describe);
        assertTrue(soak.stdout().contains("errors: 0 (target 0); failed decisions: 0 (target 0)"), soak::describe);
        assertTrue(soak.stdout().contains("heap after GC slope: not judged"), soak::describe);
        assertTrue(soak.stdout().contains("soak passed"), soak::describe);

        Path csv = installation.home().resolve("runs/soak/soak.csv");
        List<String> rows = Files.readAllLines(csv);
        assertEquals(2, rows.size(), rows.toString());
        String[] minute = rows.get(1).split(",");
        double heapMB = Double.parseDouble(minute[1]);
        long mqttDecisions = Long.parseLong(minute[4]);
        long outcomes = Long.parseLong(minute[7]);
        assertTrue(heapMB > 1 && heapMB < 128, "heap after GC within the edge profile's 128 MB: " + heapMB);
        assertTrue(mqttDecisions > 60 * 30 * 0.9, "about 30 decisions a second for a minute: " + mqttDecisions);
        assertTrue(outcomes > mqttDecisions * 0.6 && outcomes < mqttDecisions * 0.8,
                "about 70% of the outcomes reported: " + outcomes + " of " + mqttDecisions);
        assertEquals(3, Long.parseLong(minute[11]), "policy switches at 15, 30 and 45 s");
        assertTrue(Files.readString(installation.home().resolve("runs/soak/gateway/gateway.log"))
                .contains("ready in"), "the gateway's own log");

        String soakHome = installation.home().resolve("runs/soak").toString();
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(soakHome)),
                "no gateway or broker left running");
    }

    @Test
    void trainingOnACpuPrintsNoWarning() throws Exception {
        Installation installation = Installation.copyInto(folder);

        LedrlProcess.Result train = installation.run(Duration.ofMinutes(3), "--profile", "server", "train",
                "--algorithm", "mappo", "--scenario", "paper-10-random", "--episodes", "2", "--out", "runs/train");

        assertEquals(0, train.exitStatus(), train::describe);
        assertFalse(train.all().contains("[WARN]"), train::describe);
        assertTrue(Files.exists(installation.home().resolve("runs/train/model.onnx")), train::describe);
    }
}
