package org.ledrl.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import org.ledrl.api.plugin.PluginProblems;
import org.ledrl.api.health.PlatformProblems;
import org.ledrl.json.InputErrors;
import org.ledrl.json.StrictJson;
import org.ledrl.live.InvalidRequestException;
import org.ledrl.live.LiveDecision;
import org.ledrl.live.LiveJson;
import org.ledrl.live.LiveRuntime;
import org.ledrl.live.OutcomeReport;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/v1} (described in {@code openapi.json}, served at
 * {@code /api/v1/openapi.json}): decisions, outcomes, nodes, policies and health, over the
 * {@link LiveRuntime}. Every request needs the operator's token ({@code Authorization: Bearer});
 * without a configured token every request is refused with a message saying how to set one.
 *
 * <p>It has a listener of its own: this component keeps a Jetty instance of the HTTP bundle's
 * factory configuration ({@code org.apache.felix.http~ledrl-api}) on {@code host}:{@code port},
 * 127.0.0.1 unless configured otherwise, and registers only with that instance
 * ({@code osgi.http.whiteboard.target}), so the API can be opened to the network without the Web
 * Console, or the other way round.
 */
@Component(service = Servlet.class, configurationPid = RestApi.PID, immediate = true)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardTarget("(" + RestApi.SERVER_PROPERTY + "=" + RestApi.SERVER_NAME + ")")
@Designate(ocd = RestApi.Config.class)
public final class RestApi extends HttpServlet {

    static final String PID = "org.ledrl.rest";
    /** The Jetty instance of the API: factory PID of the HTTP bundle, and the name of our configuration. */
    static final String HTTP_FACTORY_PID = "org.apache.felix.http";
    static final String HTTP_CONFIGURATION_NAME = "ledrl-api";
    /** A service property the HTTP bundle puts on the runtime of our Jetty instance (runtime.init.* keys). */
    static final String SERVER_PROPERTY = "ledrl.http";
    static final String SERVER_NAME = "api";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String JSON = "application/json";

    @ObjectClassDefinition(name = "LeDRL REST API",
            description = "The REST API under /api/v1 (OpenAPI description at /api/v1/openapi.json). Needs a token.")
    public @interface Config {

        /** Private property (leading dot): never among the service's properties. */
        @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD,
                description = "The access token clients send as 'Authorization: Bearer <token>', at least 16 "
                        + "characters. Empty: the API refuses every request. Key in a .cfg file: .token")
        String _token() default "";

        @AttributeDefinition(name = "Address", description = "The address the API listens on: 127.0.0.1 for this "
                + "host only, 0.0.0.0 for every interface (then put TLS in front of it).")
        String host() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "The TCP port the API listens on.", min = "1", max = "65535")
        int port() default 8081;
    }

    private final transient LiveRuntime runtime;
    private final transient ConfigurationAdmin configurations;
    private final transient LiveJson json = new LiveJson();
    private final transient ApiJson views = new ApiJson();
    /** The plugins of deploy/ that do not run, listed in the health (the runtime bundle provides it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient PluginProblems pluginProblems;
    private final transient ObjectMapper mapper = StrictJson.mapper();
    private final transient ThrottledWarnings warnings = new ThrottledWarnings(LOG, System::nanoTime);
    private final byte[] openApi;
    private final String home;
    private volatile transient ApiToken token;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile transient PlatformProblems platform;

    @Activate
    public RestApi(@Reference LiveRuntime runtime, @Reference ConfigurationAdmin configurations, BundleContext context,
                   Config config) throws IOException {
        this.runtime = runtime;
        this.configurations = configurations;
        String ledrlHome = context.getProperty("ledrl.home");
        this.home = ledrlHome == null ? "<installation folder>" : ledrlHome;
        try (InputStream in = Objects.requireNonNull(RestApi.class.getResourceAsStream("openapi.json"),
                "openapi.json is missing from the bundle")) {
            this.openApi = in.readAllBytes();
        }
        apply(config);
    }

    /** A changed configuration; a bad one is refused and the API keeps answering as it was. */
    @Modified
    void configure(Config config) throws IOException {
        try {
            apply(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Configuration {} refused, the REST API keeps running on its last good configuration: {}", PID,
                    e.getMessage().startsWith(PID + ": ") ? e.getMessage().substring(PID.length() + 2)
                            : e.getMessage());
        }
    }

    private void apply(Config config) throws IOException {
        if (config.port() < 1 || config.port() > 65535 || config.host().isBlank()) {
            throw new IllegalArgumentException(PID + ": host must be an address and port 1 to 65535, were '"
                    + config.host() + "' and " + config.port());
        }
        try {
            token = new ApiToken(config._token(), howToSet());
        } catch (IllegalArgumentException e) {
            // refuse everything rather than accept a weak token
            token = new ApiToken("", howToSet());
            LOG.error("{}: {}; the API refuses every request until a longer one is set", PID, e.getMessage());
        }
        if (!token.isSet()) {
            LOG.warn("The REST API has no token: it refuses every request. {}", howToSet());
        }
        listen(config.host().strip(), config.port());
    }

    private String howToSet() {
        return "Set one (at least " + ApiToken.MIN_LENGTH + " characters) in " + home + "/conf/" + PID
                + ".cfg with the line '.token = <your token>' (applied within seconds, no restart), or in the Web "
                + "Console's configuration of 'LeDRL REST API'.";
    }

    /** Creates or updates the API's own Jetty instance; unchanged settings leave it running. */
    private void listen(String host, int port) throws IOException {
        Configuration server = configurations.getFactoryConfiguration(HTTP_FACTORY_PID, HTTP_CONFIGURATION_NAME, "?");
        Dictionary<String, Object> wanted = new Hashtable<>();
        wanted.put("org.apache.felix.http.host", host);
        wanted.put("org.osgi.service.http.port", port);
        wanted.put("org.apache.felix.http.name", "LeDRL REST API");
        wanted.put("org.apache.felix.http.runtime.init." + SERVER_PROPERTY, SERVER_NAME);
        Dictionary<String, Object> current = server.getProperties();
        if (current == null || !host.equals(current.get("org.apache.felix.http.host"))
                || !Integer.valueOf(port).equals(current.get("org.osgi.service.http.port"))) {
            server.update(wanted);
            LOG.info("REST API at http://{}:{}/api/v1/", host, port);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Configuration server = configurations.getFactoryConfiguration(HTTP_FACTORY_PID, HTTP_CONFIGURATION_NAME, "?");
            server.delete();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not remove the REST API's HTTP server configuration", e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiToken.Verdict verdict = token.check(request.getHeader("Authorization"));
        if (!verdict.allowed()) {
            if (verdict.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"LeDRL Edge\"");
            }
            send(response, verdict.status(), json.error(verdict.message()));
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        try {
            switch (path) {
                case "/decisions" -> {
                    if (allow(method, "POST", response) && isJson(request, response)) {
                        LiveDecision decision = runtime.decide(json.task(body(request)));
                        send(response, 200, json.decision(decision));
                    }
                }
                case "/outcomes" -> {
                    if (allow(method, "POST", response) && isJson(request, response)) {
                        OutcomeReport report = json.outcome(body(request));
                        runtime.report(report);
                        send(response, 200, json.accepted(report));
                    }
                }
                case "/nodes" -> {
                    if (allow(method, "GET", response)) {
                        send(response, 200, views.nodes(runtime.network()));
                    }
                }
                case "/policies" -> {
                    if (allow(method, "GET", response)) {
                        send(response, 200, views.policies(runtime.activePolicy(), runtime.policies()));
                    }
                }
                case "/policies/active" -> {
                    if (allow(method, "PUT", response) && isJson(request, response)) {
                        runtime.usePolicy(policyName(body(request)));
                        send(response, 200, views.policies(runtime.activePolicy(), runtime.policies()));
                    }
                }
                case "/health" -> {
                    if (allow(method, "GET", response)) {
                        PluginProblems plugins = pluginProblems;
                        PlatformProblems platform = this.platform;
                        send(response, 200, views.health(runtime, platform == null ? List.of() : platform.problems(),
                                plugins == null ? List.of() : plugins.current()));
                    }
                }
                case "/openapi.json" -> {
                    if (allow(method, "GET", response)) {
                        response.setStatus(200);
                        response.setContentType(JSON);
                        response.getOutputStream().write(openApi);
                    }
                }
                default -> send(response, 404, json.error("No resource " + path + " under /api/v1; see "
                        + "/api/v1/openapi.json"));
            }
        } catch (InvalidRequestException e) {
            send(response, 400, json.error(e, ""));
        } catch (IllegalStateException e) {
            LOG.warn("REST {} {} failed: {}", method, path, e.getMessage());
            send(response, 503, json.error(e.getMessage()));
        }
    }

    private boolean allow(String method, String allowed, HttpServletResponse response) throws IOException {
        if (allowed.equals(method)) {
            return true;
        }
        response.setHeader("Allow", allowed);
        send(response, 405, json.error("Method " + method + " is not allowed here; use " + allowed));
        return false;
    }

    private boolean isJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith(JSON)) {
            return true;
        }
        send(response, 415, json.error("Send the body as JSON with the header 'Content-Type: application/json', "
                + "not " + (type == null ? "no content type" : "'" + type + "'")));
        return false;
    }

    /**
     * The body, read up to one byte past the limit so that LiveJson can refuse an oversized one. A
     * body that ends before its Content-Length, or whose chunked encoding is broken, is the client's
     * fault: a 400, counted in one WARN line a minute at most, never a stack trace.
     */
    private byte[] body(HttpServletRequest request) throws InvalidRequestException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(LiveJson.MAX_BODY_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            warnings.count("broken body", "had a body that ended early or a broken chunked encoding");
            throw new InvalidRequestException("", "the body ends before the length the request announced "
                    + "(Content-Length), or its chunked encoding is broken");
        }
    }

    private String policyName(byte[] body) throws InvalidRequestException {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("", InputErrors.describe(e, "the body"));
        } catch (IOException e) {
            throw new InvalidRequestException("", "the body cannot be read");
        }
        if (node == null || !node.isObject() || node.size() != 1 || !node.has("name")) {
            throw new InvalidRequestException("", "the body must be {\"name\": \"<policy>\"}");
        }
        JsonNode name = node.get("name");
        if (!name.isTextual() || name.textValue().isBlank()) {
            throw new InvalidRequestException("name", "must be the name of an installed policy, was " + name);
        }
        return name.textValue().strip();
    }

    private static void send(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
