package org.ledrl.telemetry.mqtt.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.LinkStatus;
import org.ledrl.api.model.NodeStatus;
import org.ledrl.api.telemetry.TelemetrySnapshot;
import org.ledrl.api.telemetry.TelemetrySource;
import org.ledrl.telemetry.MalformedTelemetryException;
import org.ledrl.telemetry.RejectLog;
import org.ledrl.telemetry.StatusBoard;
import org.ledrl.telemetry.TelemetryScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node and link status of the other gateways of the edge network, received over MQTT, and this
 * gateway's own status published for them (every node and link of the bound local telemetry
 * source, proc or tegrastats, every {@code publishPeriodMillis}). Topic layout and payload:
 * README.md of this bundle and {@link StatusTopics}, {@link StatusPayload}.
 *
 * <p>Connection: a clean session, subscribed again after every connect, so a broker restart loses
 * nothing; when the connection drops it reconnects with exponential back-off from
 * {@code reconnectDelayMillis} up to {@code maxReconnectDelayMillis}; every blocking client call
 * is bounded by {@code connectTimeoutSeconds}. Received status is stamped
 * with its arrival time on this gateway's clock and turns unknown after {@code staleAfterMillis}
 * without news. Malformed payloads are counted and logged once per kind, never stored. The node
 * table is bounded: ids from 0 to {@code maxNodeId} and at most {@code maxLinks} links; a valid status
 * beyond that is refused and counted like a malformed one ({@link #buffers}). On deactivation it
 * publishes its own nodes as unknown, and its {@link LastWill} says its node is down when it dies.
 */
@Component(service = {TelemetrySource.class, BoundedBuffers.class}, configurationPid = MqttTelemetry.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = MqttTelemetry.Config.class)
@TelemetryScope(TelemetryScope.REMOTE)
public final class MqttTelemetry implements TelemetrySource, BoundedBuffers {

    static final String PID = "org.ledrl.telemetry.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetry.class);

    @ObjectClassDefinition(name = "LeDRL MQTT telemetry",
            description = "Status of the other gateways over MQTT, and this gateway's own status published for them.")
    public @interface Config {

        @AttributeDefinition(name = "Source name", description = "Name of this telemetry source in snapshots and logs.")
        String name() default "mqtt";

        @AttributeDefinition(name = "Broker URL", description = "tcp://host:1883 or ssl://host:8883.")
        String brokerUrl() default "tcp://127.0.0.1:1883";

        @AttributeDefinition(name = "Client id",
                description = "MQTT client id, unique per gateway; empty makes one up at each start.")
        String clientId() default "";

        @AttributeDefinition(name = "User name", description = "Broker user name; empty connects anonymously.")
        String username() default "";

        @AttributeDefinition(name = "Password", description = "Broker password.", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Topic prefix",
                description = "Topics are <prefix>/node/<id>/status and <prefix>/link/<a>-<b>/status.")
        String topicPrefix() default "ledrl/v1";

        @AttributeDefinition(name = "QoS", description = "MQTT quality of service of publications and subscriptions.",
                min = "0", max = "2")
        int qos() default 0;

        @AttributeDefinition(name = "Publish period (ms)", description = "How often this gateway's own status is published.",
                min = "10")
        long publishPeriodMillis() default 1000;

        @AttributeDefinition(name = "Stale after (ms)",
                description = "Status not heard of for this long is reported unknown, never healthy.", min = "1")
        long staleAfterMillis() default 5000;

        @AttributeDefinition(name = "Reconnect delay (ms)",
                description = "First wait before reconnecting to the broker; doubles on each failure.", min = "1")
        long reconnectDelayMillis() default 500;

        @AttributeDefinition(name = "Longest reconnect delay (ms)", description = "The back-off stops growing here.", min = "1")
        long maxReconnectDelayMillis() default 30000;

        @AttributeDefinition(name = "Connect timeout (s)", description = "How long one connection attempt may take.", min = "1")
        int connectTimeoutSeconds() default 5;

        @AttributeDefinition(name = "Keep-alive (s)",
                description = "MQTT keep-alive: how soon a dead connection is noticed.", min = "1")
        int keepAliveSeconds() default 10;

        @AttributeDefinition(name = "Largest node id", description = "Status of a node id above this, or of a link "
                + "with such an end, is refused and counted: a stray id never becomes a node.", min = "0")
        int maxNodeId() default 4095;

        @AttributeDefinition(name = "Links", description = "Most links kept; status of a further link is refused "
                + "and counted.", min = "1")
        int maxLinks() default 16_384;

        @AttributeDefinition(name = "Local source filter",
                description = "Which local telemetry source to publish (an OSGi filter on the TelemetrySource services).")
        String localSource_target() default TelemetryScope.LOCAL_FILTER;
    }

    /** The null object for "no local source bound": nothing to publish. */
    private static final TelemetrySource NO_LOCAL_SOURCE = new TelemetrySource() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public TelemetrySnapshot snapshot() {
            return new TelemetrySnapshot("none", List.of(), List.of(), 0);
        }
    };

    private final String name;
    private final String clientId;
    private final int qos;
    private final StatusTopics topics;
    private final StatusPayload payloads = new StatusPayload();
    private final StatusBoard board;
    private final RejectLog rejects;
    private final LongSupplier clock;
    private final MqttClient client;
    private final MqttConnectOptions options;
    private final long reconnectDelayMillis;
    private final long maxReconnectDelayMillis;
    private final ScheduledExecutorService executor;
    private final AtomicReference<TelemetrySource> localSource = new AtomicReference<>(NO_LOCAL_SOURCE);
    private final LastWill lastWill = new LastWill();
    private volatile boolean active = true;
    private long nextReconnectDelay; // executor thread only
    private long nextAttemptMillis; // executor thread only
    private boolean reportedConnectFailure; // executor thread only

    @Activate
    public MqttTelemetry(Config config) throws MqttException {
        this(config, System::currentTimeMillis);
        executor.scheduleWithFixedDelay(this::superviseConnection, 0, config.reconnectDelayMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleAtFixedRate(this::publishLocalStatus, config.publishPeriodMillis(), config.publishPeriodMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Without connecting: tests hand messages to {@link #receive} themselves. */
    MqttTelemetry(Config config, LongSupplier clock) throws MqttException {
        requirePositive("publishPeriodMillis", config.publishPeriodMillis());
        requirePositive("reconnectDelayMillis", config.reconnectDelayMillis());
        requirePositive("maxReconnectDelayMillis", config.maxReconnectDelayMillis());
        requirePositive("staleAfterMillis", config.staleAfterMillis());
        if (config.qos() < 0 || config.qos() > 2) {
            throw new IllegalArgumentException("Configuration " + PID + ": qos must be 0, 1 or 2, was " + config.qos());
        }
        if (config.maxNodeId() < 0 || config.maxLinks() < 1) {
            throw new IllegalArgumentException("Configuration " + PID + ": maxNodeId must be 0 or more and maxLinks 1 "
                    + "or more, were " + config.maxNodeId() + " and " + config.maxLinks());
        }
        this.name = config.name();
        this.clientId = config.clientId().isBlank() ? "ledrl-" + UUID.randomUUID() : config.clientId();
        this.qos = config.qos();
        try {
            this.topics = new StatusTopics(config.topicPrefix());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration " + PID + ": " + e.getMessage(), e);
        }
        this.board = new StatusBoard(name, config.staleAfterMillis(), clock, config.maxNodeId(), config.maxLinks());
        this.rejects = new RejectLog(name);
        this.clock = clock;
        try {
            // In memory: a gateway's working directory is no place for QoS 1/2 state files.
            this.client = new MqttClient(config.brokerUrl(), clientId, new MemoryPersistence());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration " + PID + ": brokerUrl '" + config.brokerUrl()
                    + "' is not a tcp://, ssl://, ws:// or wss:// URL", e);
        }
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // our own back-off, which also subscribes again
        options.setConnectionTimeout(config.connectTimeoutSeconds());
        options.setKeepAliveInterval(config.keepAliveSeconds());
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        this.reconnectDelayMillis = config.reconnectDelayMillis();
        this.maxReconnectDelayMillis = Math.max(config.reconnectDelayMillis(), config.maxReconnectDelayMillis());
        this.nextReconnectDelay = reconnectDelayMillis;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledrl-telemetry-" + name);
            thread.setDaemon(true);
            return thread;
        });
        client.setCallback(new Callback());
        // Bounds every blocking call: a publish caught by a dropping connection must not hang the executor.
        client.setTimeToWait(config.connectTimeoutSeconds() * 1000L);
    }

    @Reference(name = "localSource", service = TelemetrySource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = TelemetryScope.LOCAL_FILTER)
    void bindLocalSource(TelemetrySource source) {
        localSource.set(source);
        executor.execute(() -> { // after a connect in progress: reconnect with this source's will if it has none
            if (client.isConnected() && !lastWill.armedFor(localSource.get())) {
                disconnectQuietly();
            }
        });
    }

    void unbindLocalSource(TelemetrySource source) {
        localSource.compareAndSet(source, NO_LOCAL_SOURCE);
    }

    @Deactivate
    void deactivate() {
        active = false;
        executor.shutdownNow();
        try {
            if (client.isConnected()) {
                lastWill.goodbye(client, localSource.get(), topics, payloads, clientId, qos, clock.getAsLong());
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.debug("Telemetry source '{}': disconnect from {} failed: {}", name, client.getServerURI(), e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("Telemetry source '{}': close failed: {}", name, e.toString());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TelemetrySnapshot snapshot() {
        return board.snapshot();
    }

    RejectLog rejects() {
        return rejects;
    }

    @Override
    public List<BufferStatus> buffers() {
        String prefix = "telemetry-" + name;
        return List.of(new BufferStatus(prefix + ".nodes", board.nodeCount(), board.maxNodeId() + 1L, board.refusedNodes()),
                new BufferStatus(prefix + ".links", board.linkCount(), board.maxLinks(), board.refusedLinks()),
                new BufferStatus(prefix + ".reject-kinds", rejects.counts().size(), RejectLog.MAX_KINDS + 1L,
                        rejects.lumped()));
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Takes one received message: good status goes on the board, anything else is counted. Never throws. */
    void receive(String topic, byte[] payload) {
        try {
            StatusPayload.Message message = payloads.decode(topics.parse(topic), payload, clock.getAsLong());
            if (message.origin().equals(clientId)) {
                return; // our own publication coming back
            }
            if (message.node() != null) {
                board.admit(message.node());
            } else {
                board.admit(message.link());
            }
        } catch (MalformedTelemetryException e) {
            rejects.reject(e);
        } catch (RuntimeException e) {
            // An exception out of the MQTT callback would drop the connection: count it instead.
            rejects.reject("unexpected error", topic + ": " + e);
        }
    }

    /**
     * Runs every {@code reconnectDelayMillis}: when the client is not connected and the back-off
     * has passed, connects and subscribes; a failure doubles the wait. Polling the state, rather
     * than reacting to Paho's connection-lost event alone, means no lost event can leave the
     * gateway disconnected for good.
     */
    private void superviseConnection() {
        if (!active || client.isConnected() || clock.getAsLong() < nextAttemptMillis) {
            return;
        }
        try {
            client.connect(lastWill.arm(options, localSource.get(), topics, payloads, clientId, qos, clock.getAsLong()));
            client.subscribe(topics.filters(), new int[] {qos, qos});
            LOG.info("Telemetry source '{}' connected to {} as {} and subscribed to {}", name, client.getServerURI(),
                    clientId, String.join(", ", topics.filters()));
            nextReconnectDelay = reconnectDelayMillis;
            reportedConnectFailure = false;
        } catch (MqttException e) {
            if (!reportedConnectFailure) {
                LOG.warn("Telemetry source '{}' cannot connect to {}: {}; retrying with back-off up to {} ms",
                        name, client.getServerURI(), e.toString(), maxReconnectDelayMillis);
                reportedConnectFailure = true;
            }
            disconnectQuietly();
            nextAttemptMillis = clock.getAsLong() + nextReconnectDelay;
            nextReconnectDelay = Math.min(nextReconnectDelay * 2, maxReconnectDelayMillis);
        }
    }

    private void disconnectQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
        } catch (MqttException e) {
            LOG.debug("Telemetry source '{}': forced disconnect failed: {}", name, e.toString());
        }
    }

    /** Publishes every node and link of the local source. */
    private void publishLocalStatus() {
        if (!client.isConnected()) {
            return;
        }
        TelemetrySnapshot local = localSource.get().snapshot();
        long now = clock.getAsLong();
        try {
            for (NodeStatus node : local.nodes()) {
                client.publish(topics.node(node.node()), payloads.encode(node, clientId, now), qos, false);
            }
            for (LinkStatus link : local.links()) {
                client.publish(topics.link(link.a(), link.b()), payloads.encode(link, clientId, now), qos, false);
            }
        } catch (MqttException e) {
            // The connection dropped between the check and the publish: connectionLost takes over.
            LOG.debug("Telemetry source '{}': publish failed: {}", name, e.toString());
        } catch (RuntimeException e) {
            // Never let one bad round kill the periodic task.
            LOG.warn("Telemetry source '{}': publishing the local status failed", name, e);
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Configuration " + PID + ": " + key + " must be positive, was " + value);
        }
    }

    /** Paho's callbacks run on its own thread: hand work to the executor, never call the client here. */
    private final class Callback implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            if (active) {
                // superviseConnection notices within reconnectDelayMillis and reconnects
                LOG.warn("Telemetry source '{}' lost its connection to {}: {}; reconnecting", name, client.getServerURI(),
                        String.valueOf(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            receive(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // status is sent and forgotten
        }
    }
}
