package org.ledrl.emulate.internal.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.ledrl.emulate.internal.host.Broker;
import org.ledrl.emulate.internal.host.InstallationCopy;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ledrl soak}: starts a gateway of this installation with an MQTT broker, drives its live runtime at a fixed
 * rate for N minutes (decisions over REST and MQTT with a share of their outcomes, telemetry of the other nodes,
 * policy switches, model swaps), prints one line a minute and judges the run: heap and RSS slopes, errors, failed
 * decisions. Exit status 0 when every target is met, 1 when one is missed.
 */
@Component(service = CliCommand.class)
public final class SoakCommand implements CliCommand {

    private static final Duration READY = Duration.ofSeconds(120);
    /** REST decisions sent before the drive (see {@link RestLoad#warmUp}); they are not counted. */
    private static final int WARM_UP_REQUESTS = 200;
    /** A soak's traffic must mix with nothing else: it always starts a broker of its own. */
    private static final String NO_BROKER = "soak needs a 'mosquitto' program to start a broker of its own, and none "
            + "is on the PATH. Install Mosquitto (Debian, Ubuntu: sudo apt-get install mosquitto)";

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String summary() {
        return "drive a gateway of this installation at a fixed rate for N minutes and judge its memory and errors";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "ledrl soak --minutes N [--profile edge|server] [--rate 300] [--mqtt-rate 30] [--outcomes 0.7]",
                "           [--telemetry-nodes 4] [--switch-seconds 30] [--swap-minutes 5] [--java-opts '-Xmx128m']",
                "           [--heap-slope 1.0] [--rss-slope 5.0] [--out runs/soak]",
                "  starts the gateway (and a mosquitto broker) from a home of its own under --out, then every minute",
                "  prints heap after a full GC, RSS, the gateway's decision time p50/p99, outcomes and errors.",
                "  --rate: REST decisions/s (server profile; the edge profile has no REST API and sends them over",
                "  MQTT), --mqtt-rate: MQTT decisions/s, --outcomes: share of decisions whose outcome is reported.",
                "  Targets: heap slope after minute 5 within +-heap-slope MB/10 min, RSS slope after minute 10",
                "  within +-rss-slope, 0 errors, 0 failed decisions. Results in --out/soak.csv.");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        SoakSettings settings;
        try {
            settings = SoakSettings.parse(args, context.home());
        } catch (Arguments.UsageException e) {
            context.err().println("soak: " + e.getMessage());
            context.err().println(usage());
            return 2;
        }
        Files.createDirectories(settings.out());
        try (Broker broker = Broker.own(settings.out().resolve("broker"), Broker.searchPath(), NO_BROKER)) {
            return soak(settings, broker, context.home(), context.out());
        } catch (IOException | IllegalStateException e) {
            context.err().println("soak: " + e.getMessage());
            return 1;
        }
    }

    private int soak(SoakSettings settings, Broker broker, Path installation, PrintStream out) throws Exception {
        Path model = settings.out().resolve("model");
        SoakGateway.extractShippedModel(installation, model);
        int restPort = Broker.freePort();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("config.properties", Files.readString(installation.resolve("conf/config.properties"))
                .replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port\\s*=.*$",
                        "org.osgi.service.http.port = " + Broker.freePort()));
        conf.put("org.ledrl.live.cfg", "localNode = 0\n");
        conf.put("org.ledrl.telemetry.mqtt.cfg", "brokerUrl = " + broker.url() + "\n");
        conf.put("org.ledrl.live.mqtt.cfg", "brokerUrl = " + broker.url() + "\n");
        conf.put("org.ledrl.policy.mappo.cfg", "modelFile = " + model.resolve("model.onnx").toAbsolutePath()
                + "\ncardFile = " + model.resolve("model-card.json").toAbsolutePath() + "\n");
        conf.put("org.ledrl.runtime.decision.cfg", "policy = " + SoakSettings.POLICIES.get(0) + "\n");
        conf.put("org.ledrl.rest.cfg", "port = " + restPort + "\n.token = " + token + "\n");
        Path home = SoakGateway.layOut(installation, settings.out(), conf);

        out.printf("soak: %d min, profile %s, %d REST + %d MQTT decisions/s, outcomes for %.0f%%, telemetry of %d "
                        + "nodes each second, a policy switch every %d s, a model swap every %d min; broker %s%n",
                settings.minutes(), settings.profile(), settings.restDecisionsPerSecond(),
                settings.mqttDecisionsPerSecond(), settings.outcomeShare() * 100, settings.telemetryNodes(),
                settings.switchSeconds(), settings.swapMinutes(), broker.url());
        try (SoakGateway gateway = SoakGateway.start(home, settings.profile(), settings.javaOptions(), READY)) {
            Thread cleanup = new Thread(gateway::close, "ledrl-soak-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return drive(settings, gateway, broker, restPort, token, home, model, out);
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    private int drive(SoakSettings settings, SoakGateway gateway, Broker broker, int restPort, String token, Path home,
            Path model, PrintStream out) throws Exception {
        AtomicReference<Tally> tally = new AtomicReference<>(new Tally());
        RestLoad rest = settings.restDecisionsPerSecond() > 0
                ? new RestLoad(restPort, token, settings.restDecisionsPerSecond(), settings.outcomeShare(),
                        tally::get) : null;
        if (rest != null) {
            awaitRestApi(restPort, token);
            rest.warmUp(WARM_UP_REQUESTS, READY);
        }
        SoakReport report = new SoakReport(settings.out().resolve("soak.csv"), out);
        AtomicInteger switches = new AtomicInteger();
        AtomicInteger swaps = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "ledrl-soak-load");
            thread.setDaemon(true);
            return thread;
        });
        try (MqttLoad mqtt = new MqttLoad(broker.url(), settings.outcomeShare(), tally::get)) {
            mqtt.awaitAnswering(READY);
            tally.set(new Tally());
            long start = System.nanoTime();
            AtomicInteger restSent = new AtomicInteger();
            AtomicInteger mqttSent = new AtomicInteger();
            scheduler.scheduleAtFixedRate(() -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                while (rest != null && restSent.get() < seconds * settings.restDecisionsPerSecond()) {
                    restSent.incrementAndGet();
                    rest.request();
                }
                while (mqttSent.get() < seconds * settings.mqttDecisionsPerSecond()) {
                    mqtt.sendDecision(mqttSent.getAndIncrement());
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            AtomicInteger second = new AtomicInteger();
            scheduler.scheduleAtFixedRate(() -> {
                int now = second.getAndIncrement();
                mqtt.sendTelemetry(settings.telemetryNodes(), now);
                mqtt.expireLost();
                try {
                    if (now > 0 && now % settings.switchSeconds() == 0) {
                        String next = SoakSettings.POLICIES.get((now / settings.switchSeconds())
                                % SoakSettings.POLICIES.size());
                        InstallationCopy.writeAtomically(home.resolve("conf/org.ledrl.runtime.decision.cfg"),
                                ("policy = " + next + "\n").getBytes());
                        switches.incrementAndGet();
                    }
                    if (now > 0 && now % (settings.swapMinutes() * 60) == 0) {
                        // a new version of the model file: the mappo policy reloads it without a gap
                        InstallationCopy.writeAtomically(model.resolve("model.onnx"),
                                Files.readAllBytes(model.resolve("model.onnx")));
                        swaps.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    tally.get().error("switch or swap: " + e);
                }
            }, 1, 1, TimeUnit.SECONDS);

            for (int minute = 1; minute <= settings.minutes() && gateway.alive(); minute++) {
                long due = start + minute * 60_000_000_000L;
                while (System.nanoTime() < due && gateway.alive()) {
                    Thread.sleep(Math.min(1000, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
                }
                Tally ended = tally.getAndSet(new Tally());
                report.add(SoakReport.minute(minute, gateway.heapAfterGc(), gateway.rss(), ended,
                        switches.getAndSet(0), swaps.getAndSet(0)));
                if (ended.errors.sum() > 0) {
                    out.println("  first error of the minute: " + ended.firstError());
                }
            }
        } finally {
            scheduler.shutdownNow();
            if (rest != null) {
                rest.close();
            }
        }
        return report.verdict(settings.heapSlopeLimitMB(), settings.rssSlopeLimitMB(), gateway.alive()) ? 0 : 1;
    }

    /** The REST API opens once its configuration is read: wait for its health check to answer. */
    private static void awaitRestApi(int port, String token) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("the gateway's REST API did not answer on 127.0.0.1:" + port + " within "
                + READY.toSeconds() + " s");
    }
}
