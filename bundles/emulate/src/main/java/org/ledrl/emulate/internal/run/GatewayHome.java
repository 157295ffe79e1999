package org.ledrl.emulate.internal.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ledrl.api.model.Topology;
import org.ledrl.emulate.internal.host.InstallationCopy;
import org.ledrl.sim.Scenario;

/**
 * The folder of one gateway process ({@link InstallationCopy}, the telemetry feature without the host's own
 * sources, proc and tegrastats: the emulated node is this gateway's local source), with the configurations of the
 * emulated gateway, the mqtt telemetry adapter (with its last will), the live runtime and the decision service.
 */
final class GatewayHome {

    /** Bundles of the host's own telemetry, left out of a gateway: the emulated node stands for the host. */
    private static final List<String> LEFT_OUT = List.of("org.ledrl.telemetry.proc", "org.ledrl.telemetry.tegrastats");

    /** What every gateway of a run shares. */
    record Run(Path installation, Path scenarioFile, List<String> sets, long seed, double speed, String work,
               String brokerUrl, String prefix, int slots, List<String> cuts, String policy, Scenario scenario,
               Topology topology) {
    }

    private GatewayHome() {
    }

    /** Makes (or remakes) the folder of {@code node} under {@code folder} and returns it. */
    static Path create(Path folder, int node, Run run) throws IOException {
        Path home = InstallationCopy.create(folder, run.installation(), LEFT_OUT);
        writeConfigs(home.resolve("conf"), home, node, run);
        return home;
    }

    private static void writeConfigs(Path conf, Path home, int node, Run run) throws IOException {
        Scenario.Failures failures = run.scenario().failures();
        List<String> links = new ArrayList<>();
        for (Topology.LinkSpec link : run.topology().links()) {
            if (link.a() == node || link.b() == node) {
                links.add(link.a() + "-" + link.b() + ":" + number((link.minRateMBps() + link.maxRateMBps()) / 2) + ":"
                        + number(link.latencyMs()));
            }
        }
        write(conf.resolve("org.ledrl.emulate.gateway.config"), List.of(
                "node=I\"" + node + "\"",
                "scenario=" + string(run.scenarioFile().toString()),
                "sets=" + strings(run.sets()),
                "seed=L\"" + run.seed() + "\"",
                "speed=D\"" + number(run.speed()) + "\"",
                "work=" + string(run.work()),
                "brokerUrl=" + string(run.brokerUrl()),
                "topicPrefix=" + string(run.prefix()),
                "journal=" + string(home.resolve("journal.jsonl").toAbsolutePath().toString()),
                "slots=I\"" + run.slots() + "\"",
                "policy=" + string(run.policy()),
                "cuts=" + strings(run.cuts())));
        write(conf.resolve("org.ledrl.telemetry.mqtt.config"), List.of(
                "brokerUrl=" + string(run.brokerUrl()),
                "clientId=" + string("ledrl-gateway-" + node + "-" + run.prefix().substring(run.prefix().lastIndexOf('/') + 1)),
                "topicPrefix=" + string(run.prefix() + "/telemetry"),
                "publishPeriodMillis=L\"500\"",
                "staleAfterMillis=L\"2000\"",
                "reconnectDelayMillis=L\"200\"",
                "maxReconnectDelayMillis=L\"1000\"",
                "keepAliveSeconds=I\"2\""));
        write(conf.resolve("org.ledrl.live.config"), List.of(
                "localNode=I\"" + node + "\"",
                "links=" + strings(links),
                "maxHops=I\"1\"",
                "nodeFailureRate=D\"" + number(failures.nodeRate()) + "\"",
                "linkFailureRate=D\"" + number(failures.linkRate()) + "\"",
                "reliabilityThreshold=D\"" + number(run.scenario().reliabilityThreshold()) + "\"",
                "staleAfterMillis=L\"2000\"",
                "latencyWeight=D\"" + number(run.scenario().reward().latencyWeight()) + "\""));
        write(conf.resolve("org.ledrl.runtime.decision.config"), List.of("policy=" + string(run.policy())));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        InstallationCopy.writeAtomically(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    /** A string in the typed configuration format: quoted, with quotes and backslashes escaped. */
    static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String strings(List<String> values) {
        return "[" + String.join(",", values.stream().map(GatewayHome::string).toList()) + "]";
    }
}
