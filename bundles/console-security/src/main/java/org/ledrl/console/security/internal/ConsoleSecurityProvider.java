package org.ledrl.console.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's security provider: HTTP Basic authentication against one account, with no
 * default password. Until the operator sets one, every request gets 503 and a text that says how
 * to set it. The server profile names this provider in {@code felix.webconsole.security.providers},
 * so the console serves nothing at all while this bundle is missing; the console's own admin/admin
 * fallback registers with the lowest ranking and is never chosen while this one is there.
 */
@Component(configurationPid = ConsoleSecurityProvider.PID, immediate = true)
@SecurityProviderId(ConsoleSecurityProvider.ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public final class ConsoleSecurityProvider implements SecurityProvider {

    static final String PID = "org.ledrl.console.security";
    static final String ID = "ledrl";

    @ObjectClassDefinition(name = "LeDRL Edge Web Console account",
            description = "The one account of the Web Console. There is no default password: until one is set here, "
                    + "in conf/" + PID + ".cfg or in the environment variable " + Credentials.ENVIRONMENT_VARIABLE
                    + ", the console refuses every request.")
    public @interface Config {

        @AttributeDefinition(name = "User name", description = "The name to log in with.")
        String username() default "admin";

        /** Private property (leading dot), so that it never shows among the service's properties. */
        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "The password to log in with; empty means none is set and the console refuses every "
                        + "request. The environment variable " + Credentials.ENVIRONMENT_VARIABLE
                        + " takes precedence when set. Key in a .cfg file: .password")
        String _password() default "";

        @AttributeDefinition(name = "Realm", description = "The realm the browser shows in its login dialog.")
        String realm() default "LeDRL Edge";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    private final Function<String, String> environment;
    private volatile Credentials credentials = Credentials.choose("admin", "", name -> null);
    private volatile String realm = "LeDRL Edge";
    private volatile String home = "<installation folder>";

    public ConsoleSecurityProvider() {
        this(System::getenv);
    }

    ConsoleSecurityProvider(Function<String, String> environment) {
        this.environment = environment;
    }

    @Activate
    void activate(BundleContext context, Config config) {
        String configuredHome = context.getProperty("ledrl.home");
        if (configuredHome != null) {
            home = configuredHome;
        }
        configure(config);
    }

    @Modified
    void configure(Config config) {
        realm = config.realm().replace('"', '\'');
        credentials = Credentials.choose(config.username(), config._password(), environment);
        if (!credentials.problem().isEmpty()) {
            LOG.error("The Web Console refuses every request: {}", credentials.problem());
        } else if (credentials.passwordSet()) {
            LOG.info("Web Console password set, from {}", credentials.source());
            if (!credentials.hashed() && credentials.source().startsWith("the configuration")) {
                LOG.warn("The Web Console password is stored in plain text in {}/conf/{}.cfg; store a salted hash "
                        + "instead with: bin/ledrl passwd", home, PID);
            }
        } else {
            LOG.warn("The Web Console has no password: it refuses every request until one is set in {}/conf/{}.cfg "
                    + "(.password = ...) or in the environment variable {}", home, PID,
                    Credentials.ENVIRONMENT_VARIABLE);
        }
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Credentials current = credentials;
        try {
            if (!current.passwordSet()) {
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, noPasswordMessage());
                return null;
            }
            if (current.acceptsHeader(request.getHeader("Authorization"))) {
                return current.username();
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Log in with the Web Console account of this LeDRL Edge installation.\n");
        } catch (IOException e) {
            LOG.debug("Could not answer a refused Web Console request", e);
        }
        return null;
    }

    String noPasswordMessage() {
        return "The LeDRL Edge Web Console has no password yet, so it refuses every request.\n"
                + "Set one, then reload this page:\n"
                + "  - in " + home + "/conf/" + PID + ".cfg, the line: .password = <your password>"
                + " (applied within seconds, no restart)\n"
                + "  - or start the platform with the environment variable " + Credentials.ENVIRONMENT_VARIABLE
                + "=<your password>\n";
    }

    private static void refuse(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getWriter();
        writer.print(text);
        writer.flush();
    }

    /** One account, allowed everything; authenticate() only hands out that account. */
    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    /** Basic authentication has no session to end; the console then asks the browser to forget it. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
    }
}
