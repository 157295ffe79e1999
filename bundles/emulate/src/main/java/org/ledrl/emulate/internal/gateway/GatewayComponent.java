package org.ledrl.emulate.internal.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.model.Topology;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.emulate.internal.link.LinkEmulator;
import org.ledrl.live.LiveNode;
import org.ledrl.live.LiveRuntime;
import org.ledrl.telemetry.TelemetryScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated gateway, the node {@code node} of a scenario, in a platform process that {@code ledrl emulate}
 * started with a generated {@code conf/org.ledrl.emulate.gateway.cfg}: it generates the node's tasks and
 * decides them with the live runtime ({@link Origin}), executes the tasks sent to it ({@link NodeExecutor}),
 * and is the local telemetry source that the mqtt telemetry adapter publishes for the other gateways: the
 * node (its CPU, its queue) and its links (their rate now, cut or not). Nothing happens without that file.
 */
@Component(service = TelemetrySource.class, configurationPid = GatewayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = GatewayComponent.Config.class)
@TelemetryScope(TelemetryScope.LOCAL)
public final class GatewayComponent implements TelemetrySource {

    static final String PID = "org.ledrl.emulate.gateway";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponent.class);
    private static final long TICK_MILLIS = 10;
    private static final long WATCH_MILLIS = 100;

    @ObjectClassDefinition(name = "LeDRL emulated gateway",
            description = "A node of a scenario played as a gateway process by 'ledrl emulate' (which writes this).")
    public @interface Config {

        @AttributeDefinition(name = "Node", description = "This gateway's node in the scenario.")
        int node() default 0;

        @AttributeDefinition(name = "Scenario", description = "The scenario file.")
        String scenario() default "";

        @AttributeDefinition(name = "Overrides", description = "Scenario overrides, key=value.")
        String[] sets() default {};

        @AttributeDefinition(name = "Seed", description = "The run's seed.")
        long seed() default 1;

        @AttributeDefinition(name = "Speed", description = "Scenario seconds per real second.")
        double speed() default 1.0;

        @AttributeDefinition(name = "Work", description = "sleep: hold a task for its compute time; cpu: burn CPU.")
        String work() default "sleep";

        @AttributeDefinition(name = "Broker URL", description = "The MQTT broker of the run.")
        String brokerUrl() default "tcp://127.0.0.1:1883";

        @AttributeDefinition(name = "Topic prefix", description = "The run's topics: <prefix>/task/<node>, "
                + "<prefix>/result/<node>, <prefix>/start.")
        String topicPrefix() default "ledrl/emulate";

        @AttributeDefinition(name = "Journal", description = "The file this gateway writes its tasks and outcomes to.")
        String journal() default "";

        @AttributeDefinition(name = "Slots", description = "Slots that generate tasks.")
        int slots() default 60;

        @AttributeDefinition(name = "Link cuts", description = "cut:A-B@T-T2 fault specs.")
        String[] cuts() default {};

        @AttributeDefinition(name = "Policy", description = "The policy the decision service is configured with: "
                + "the gateway says it is ready once that policy decides.")
        String policy() default "";

        @AttributeDefinition(name = "Grace (ms)", description = "How long after a task's deadline its origin waits "
                + "for the result before judging it.")
        long graceMillis() default 1000;
    }

    private final GatewaySettings settings;
    private final Journal journal;
    private final NodeExecutor executor;
    private final LinkEmulator links;
    private final GatewayMqtt mqtt;
    private final Origin origin;
    private final LiveRuntime live;
    private final ScheduledExecutorService timer;
    private final ExecutorService handlers;
    private final List<Integer> neighbours = new ArrayList<>();
    private final Map<Integer, Health> seen = new HashMap<>(); // watch task only
    private final String policy;
    private boolean ready; // watch task only

    @Activate
    public GatewayComponent(@Reference LiveRuntime live, Config config) throws IOException, MqttException {
        this.live = live;
        this.policy = config.policy();
        this.settings = GatewaySettings.of(config);
        for (Topology.LinkSpec link : settings.draws().topology().links()) {
            if (link.a() == settings.node() || link.b() == settings.node()) {
                neighbours.add(link.a() == settings.node() ? link.b() : link.a());
            }
        }
        this.journal = new Journal(settings.journal());
        this.executor = new NodeExecutor(settings.node(), settings.cpuGHz(), settings.speed(), settings.burn(),
                settings.draws().scenario().nodes().queueCapacity());
        this.links = new LinkEmulator(settings.draws(), settings.episodeSeed(), settings.cuts());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ledrl-emulated-gateway"));
        this.handlers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(GatewayMqtt.MAX_WAITING_MESSAGES),
                r -> daemon(r, "ledrl-emulated-gateway-messages"));
        this.mqtt = new GatewayMqtt(settings.brokerUrl(), settings.prefix(), settings.node(), handlers, this::receive);
        this.origin = new Origin(settings, live, mqtt, executor, links, journal, timer);
        journal.write("up", "node", settings.node(), "pid", ProcessHandle.current().pid());
        mqtt.connect();
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Emulated gateway {} of {} up: {} GHz, neighbours {}", settings.node(),
                settings.draws().scenario().name(), settings.cpuGHz(), neighbours);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        handlers.shutdownNow();
        executor.close();
        mqtt.close();
        journal.write("down", "node", settings.node(), "pending", origin.pending(), "messagesDropped", mqtt.dropped(),
                "publishesLost", mqtt.lost(), "refusedByQueue", executor.refused(), "refusedPending", origin.refused());
        journal.close();
    }

    private void tick() {
        try {
            origin.tick();
        } catch (RuntimeException e) {
            LOG.warn("Emulated gateway {}: a tick failed", settings.node(), e);
        }
    }

    /** Writes each change of a neighbour's health as this gateway's network shows it. */
    private void watch() {
        mqtt.retry();
        try {
            if (!ready && (policy.isEmpty() || live.activePolicy().equals(policy))) {
                ready = true;
                journal.write("ready", "node", settings.node(), "policy", live.activePolicy());
            }
            for (LiveNode node : live.network().nodes()) {
                if (!neighbours.contains(node.id())) {
                    continue;
                }
                Health health = node.stale() ? Health.UNKNOWN : node.status().health();
                Health before = seen.put(node.id(), health);
                if (before != health) {
                    journal.write("seen", "node", node.id(), "health", health.name(), "by", settings.node());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Emulated gateway {}: watching the network failed", settings.node(), e);
        }
    }

    private void receive(String topic, byte[] payload) {
        try {
            if (topic.equals(mqtt.startTopic())) {
                origin.start(Long.parseLong(new String(payload, StandardCharsets.UTF_8).strip()));
            } else if (topic.equals(mqtt.taskTopic(settings.node()))) {
                origin.accept(TaskMessages.decodeTask(payload), System.currentTimeMillis());
            } else if (topic.equals(mqtt.resultTopic(settings.node()))) {
                origin.result(TaskMessages.decodeResult(payload));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Emulated gateway {}: a message on {} was not understood: {}", settings.node(), topic,
                    e.toString());
        }
    }

    @Override
    public String name() {
        return "emulated";
    }

    @Override
    public TelemetrySnapshot snapshot() {
        long now = System.currentTimeMillis();
        NodeStatus node = new NodeStatus(settings.node(), Health.UP, settings.cpuGHz(), executor.size() > 0 ? 1.0 : 0.0,
                executor.size(), executor.backlogSeconds(), Double.NaN, Double.NaN, Double.NaN, 0, now);
        List<LinkStatus> status = new ArrayList<>();
        long sinceStart = origin.startMillis() < 0 ? 0 : now - origin.startMillis();
        int slot = (int) Math.min(settings.slots() - 1, Math.max(0, sinceStart / settings.slotMillis()));
        for (int n : neighbours) {
            int l = links.link(settings.node(), n);
            Topology.LinkSpec spec = settings.draws().topology().links().get(l);
            boolean cut = links.cut(settings.node(), n, sinceStart);
            status.add(new LinkStatus(spec.a(), spec.b(), cut ? Health.DOWN : Health.UP,
                    settings.draws().linkRateMBps(settings.episodeSeed(), l, slot), spec.latencyMs(), 0, now));
        }
        return new TelemetrySnapshot(name(), List.of(node), status, now);
    }
}
