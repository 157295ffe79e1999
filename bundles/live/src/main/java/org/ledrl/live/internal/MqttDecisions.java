package org.ledrl.live.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ledrl.api.health.BoundedBuffers;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveJson;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisions for gateways that speak only MQTT: a request published on
 * {@code <prefix>/decision/request/<gateway>} is answered on {@code <prefix>/decision/reply/<gateway>},
 * an outcome on {@code <prefix>/outcome/request/<gateway>} on {@code <prefix>/outcome/reply/<gateway>}.
 * Payloads are the JSON of the REST API ({@link LiveJson}); an error reply has {@code error},
 * {@code field} and {@code problem}. {@code requestId} is echoed. See README.md of this bundle.
 *
 * <p>Requests are handled off Paho's callback thread, one at a time, with a bounded queue: when it is
 * full a request is answered busy at once rather than late. Replies are published without waiting for
 * the broker's acknowledgement (a blocking QoS 1 publish per reply capped the bridge at a few dozen
 * requests a second); at most {@value #IN_FLIGHT} replies await theirs, beyond which a reply is lost
 * and counted. Both counts are in {@link #buffers}. Clean session, subscribed again after each
 * connect; a lost connection is retried with exponential back-off. Access control is the broker's
 * (user name, password, ACLs on the topics). Needs a configuration (PID {@code org.ledrl.live.mqtt}).
 */
@Component(configurationPid = MqttDecisions.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = BoundedBuffers.class)
@Designate(ocd = MqttDecisions.Config.class)
public final class MqttDecisions implements BoundedBuffers {

    static final String PID = "org.ledrl.live.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttDecisions.class);
    static final int QUEUE = 1024;
    /** Replies sent and not yet acknowledged by the broker (QoS 1 and 2); Paho refuses more. */
    static final int IN_FLIGHT = 1024;

    @ObjectClassDefinition(name = "LeDRL decisions over MQTT",
            description = "Answers decision and outcome requests of gateways that speak only MQTT.")
    public @interface Config {

        @AttributeDefinition(name = "Broker URL", description = "tcp://host:1883 or ssl://host:8883.")
        String brokerUrl() default "tcp://127.0.0.1:1883";

        @AttributeDefinition(name = "Client id", description = "MQTT client id; empty makes one up at each start.")
        String clientId() default "";

        @AttributeDefinition(name = "User name", description = "Broker user name; empty connects anonymously.")
        String username() default "";

        @AttributeDefinition(name = "Password", description = "Broker password.", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Topic prefix", description = "Topics are <prefix>/decision/request/<gateway> "
                + "and <prefix>/decision/reply/<gateway>, likewise outcome/.")
        String topicPrefix() default "ledrl/v1";

        @AttributeDefinition(name = "QoS", description = "MQTT quality of service of subscriptions and replies.",
                min = "0", max = "2")
        int qos() default 1;

        @AttributeDefinition(name = "Reconnect delay (ms)", description = "First wait before reconnecting; doubles "
                + "on each failure.", min = "1")
        long reconnectDelayMillis() default 500;

        @AttributeDefinition(name = "Longest reconnect delay (ms)", description = "The back-off stops growing here.",
                min = "1")
        long maxReconnectDelayMillis() default 30_000;

        @AttributeDefinition(name = "Connect timeout (s)", description = "How long one connection attempt may take.",
                min = "1")
        int connectTimeoutSeconds() default 5;
    }

    private final LiveRuntime runtime;
    private final LiveJson json = new LiveJson();
    private final DecisionTopics topics;
    private final int qos;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final long connectTimeoutMillis;
    private final long reconnectDelayMillis;
    private final long maxReconnectDelayMillis;
    private final ScheduledExecutorService supervisor;
    private final ThreadPoolExecutor handler;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lostReplies = new AtomicLong();
    private volatile boolean active = true;
    private long nextDelay; // supervisor thread only
    private long nextAttemptNanos; // supervisor thread only
    private boolean reportedFailure; // supervisor thread only

    @Activate
    public MqttDecisions(@Reference LiveRuntime runtime, Config config) throws MqttException {
        this.runtime = runtime;
        if (config.qos() < 0 || config.qos() > 2) {
            throw new IllegalArgumentException(PID + ": qos must be 0, 1 or 2, was " + config.qos());
        }
        if (config.reconnectDelayMillis() < 1 || config.maxReconnectDelayMillis() < 1 || config.connectTimeoutSeconds() < 1) {
            throw new IllegalArgumentException(PID + ": reconnectDelayMillis, maxReconnectDelayMillis and "
                    + "connectTimeoutSeconds must be 1 or more");
        }
        try {
            this.topics = new DecisionTopics(config.topicPrefix());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage(), e);
        }
        this.qos = config.qos();
        String clientId = config.clientId().isBlank() ? "ledrl-decisions-" + UUID.randomUUID() : config.clientId();
        try {
            this.client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": brokerUrl '" + config.brokerUrl()
                    + "' is not a tcp://, ssl://, ws:// or wss:// URL", e);
        }
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // our own back-off, which also subscribes again
        options.setConnectionTimeout(config.connectTimeoutSeconds());
        options.setMaxInflight(IN_FLIGHT);
        if (config.brokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySocketFactory()); // a reply is one small packet: send it now
        }
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        this.connectTimeoutMillis = config.connectTimeoutSeconds() * 1000L;
        client.setCallback(new Callback());
        this.reconnectDelayMillis = config.reconnectDelayMillis();
        this.maxReconnectDelayMillis = Math.max(reconnectDelayMillis, config.maxReconnectDelayMillis());
        this.nextDelay = reconnectDelayMillis;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ledrl-mqtt-decisions-connect"));
        // refusing without an exception: under a flood, building one per message would cost more than the message
        this.handler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                r -> daemon(r, "ledrl-mqtt-decisions"), this::refuse);
        supervisor.scheduleWithFixedDelay(this::supervise, 0, reconnectDelayMillis, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Deactivate
    void deactivate() {
        active = false;
        supervisor.shutdownNow();
        handler.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT decisions: disconnect failed: {}", e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("MQTT decisions: close failed: {}", e.toString());
            }
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    long answered() {
        return answered.get();
    }

    @Override
    public List<BufferStatus> buffers() {
        return List.of(new BufferStatus("live.mqtt-requests", handler.getQueue().size(), QUEUE, refused.get()),
                new BufferStatus("live.mqtt-replies", client.getInFlightMessageCount(), IN_FLIGHT, lostReplies.get()));
    }

    private void supervise() {
        if (!active || client.isConnected() || System.nanoTime() < nextAttemptNanos) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(connectTimeoutMillis);
            client.subscribe(topics.filters(), new int[] {qos, qos}).waitForCompletion(connectTimeoutMillis);
            LOG.info("Answering decision requests on {} at {}", String.join(", ", topics.filters()),
                    client.getServerURI());
            nextDelay = reconnectDelayMillis;
            reportedFailure = false;
        } catch (MqttException e) {
            if (!reportedFailure) {
                LOG.warn("MQTT decisions cannot connect to {}: {}; retrying with back-off up to {} ms",
                        client.getServerURI(), e.toString(), maxReconnectDelayMillis);
                reportedFailure = true;
            }
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 1000);
                }
            } catch (MqttException ignored) {
                // the next attempt starts from a fresh connect either way
            }
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(nextDelay);
            nextDelay = Math.min(nextDelay * 2, maxReconnectDelayMillis);
        }
    }

    /** Answers one request; never throws (an exception would cost the connection). */
    void handle(String topic, byte[] payload) {
        DecisionTopics.Request request = topics.parse(topic);
        if (request == null) {
            LOG.debug("MQTT decisions: ignored a message on {}", topic);
            return;
        }
        String reply;
        try {
            reply = request.outcome() ? outcome(payload) : json.decision(runtime.decide(json.task(payload)));
        } catch (InvalidRequestException e) {
            reply = json.error(e, json.requestIdOf(payload));
        } catch (RuntimeException e) {
            LOG.warn("MQTT decisions: request on {} failed", topic, e);
            reply = json.error(new InvalidRequestException("", "the request failed: " + e), json.requestIdOf(payload));
        }
        publish(request.replyTopic(), reply);
    }

    private String outcome(byte[] payload) throws InvalidRequestException {
        OutcomeReport report = json.outcome(payload);
        runtime.report(report);
        return json.accepted(report);
    }

    /** Hands a reply to Paho without waiting for the broker; any thread. */
    private void publish(String topic, String payload) {
        if (!client.isConnected() || client.getInFlightMessageCount() >= IN_FLIGHT) {
            lostReplies.incrementAndGet(); // as Paho would refuse it, without an exception per reply in a flood
            return;
        }
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
            answered.incrementAndGet();
        } catch (MqttException e) { // not connected, or IN_FLIGHT replies await their acknowledgement
            lostReplies.incrementAndGet();
            LOG.debug("MQTT decisions: reply on {} lost: {}", topic, e.toString());
        }
    }

    /** Queues a request for the handler thread, or refuses it at once when the queue is full. Paho's thread. */
    void arrived(String topic, byte[] payload) {
        handler.execute(new Request(topic, payload));
    }

    /** A request the queue had no room for: counted, and answered busy at once. Paho's callback thread. */
    private void refuse(Runnable task, ThreadPoolExecutor full) {
        if (!(task instanceof Request request) || !active) {
            return; // stopping: nothing to answer
        }
        refused.incrementAndGet();
        DecisionTopics.Request route = topics.parse(request.topic);
        if (route != null) {
            publish(route.replyTopic(), json.error(new InvalidRequestException("", "too many requests waiting ("
                    + QUEUE + "); try again"), json.requestIdOf(request.payload)));
        }
    }

    /** One received request, for the handler thread. */
    private final class Request implements Runnable {
        final String topic;
        final byte[] payload;

        Request(String topic, byte[] payload) {
            this.topic = topic;
            this.payload = payload;
        }

        @Override
        public void run() {
            handle(topic, payload);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("MQTT decisions lost the connection to {}: {}; reconnecting", client.getServerURI(),
                    cause == null ? "no reason given" : cause.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrived(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
