package org.ledrl.console.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSecurityProviderTest {

    /** What the provider did to a response: status, headers and body. */
    private static final class RecordedResponse {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();

        HttpServletResponse proxy() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, method, args) -> {
                        switch (method.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "getWriter" -> {
                                return writer;
                            }
                            default -> {
                            }
                        }
                        return null;
                    });
        }
    }

    private static HttpServletRequest request(String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(ConsoleSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, method, args) -> method.getName().equals("getHeader") && "Authorization".equals(args[0])
                        ? authorization : null);
    }

    private static ConsoleSecurityProvider.Config config(String username, String password) {
        return (ConsoleSecurityProvider.Config) Proxy.newProxyInstance(
                ConsoleSecurityProviderTest.class.getClassLoader(),
                new Class<?>[] {ConsoleSecurityProvider.Config.class}, (p, method, args) -> switch (method.getName()) {
                    case "username" -> username;
                    case "_password" -> password;
                    case "realm" -> "LeDRL Edge";
                    default -> null;
                });
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutPasswordEveryRequestIsRefusedWithHowToSetIt() {
        ConsoleSecurityProvider provider = new ConsoleSecurityProvider(name -> null);
        provider.configure(config("admin", ""));
        for (String auth : new String[] {null, basic("admin:admin"), basic("admin:")}) {
            RecordedResponse response = new RecordedResponse();
            assertNull(provider.authenticate(request(auth), response.proxy()));
            assertEquals(503, response.status);
            assertTrue(response.body.toString().contains(Credentials.ENVIRONMENT_VARIABLE), response.body.toString());
            assertTrue(response.body.toString().contains(".password ="), response.body.toString());
        }
    }

    @Test
    void wrongOrMissingCredentialsGet401WithAChallenge() {
        ConsoleSecurityProvider provider = new ConsoleSecurityProvider(name -> null);
        provider.configure(config("admin", "s3cret"));
        RecordedResponse response = new RecordedResponse();
        assertNull(provider.authenticate(request(basic("admin:wrong")), response.proxy()));
        assertEquals(401, response.status);
        assertTrue(response.headers.get("WWW-Authenticate").startsWith("Basic realm=\"LeDRL Edge\""));
        assertFalse(response.body.toString().contains("s3cret"));
    }

    @Test
    void rightCredentialsPassAndAreAuthorized() {
        ConsoleSecurityProvider provider = new ConsoleSecurityProvider(name -> null);
        provider.configure(config("ops", "s3cret"));
        RecordedResponse response = new RecordedResponse();
        Object user = provider.authenticate(request(basic("ops:s3cret")), response.proxy());
        assertEquals("ops", user);
        assertEquals(200, response.status);
        assertTrue(provider.authorize(user, "any-role"));
        assertFalse(provider.authorize(null, "any-role"));
    }

    @Test
    void passwordSetLaterTakesEffectWithoutRestart() {
        ConsoleSecurityProvider provider = new ConsoleSecurityProvider(name -> null);
        provider.configure(config("admin", ""));
        RecordedResponse before = new RecordedResponse();
        assertNull(provider.authenticate(request(basic("admin:new")), before.proxy()));
        assertEquals(503, before.status);

        provider.configure(config("admin", "new"));
        assertEquals("admin", provider.authenticate(request(basic("admin:new")), new RecordedResponse().proxy()));
    }

    @Test
    void environmentVariableSetsThePassword() {
        ConsoleSecurityProvider provider = new ConsoleSecurityProvider(
                Map.of(Credentials.ENVIRONMENT_VARIABLE, "fromenv")::get);
        provider.configure(config("admin", ""));
        assertEquals("admin", provider.authenticate(request(basic("admin:fromenv")), new RecordedResponse().proxy()));
    }
}
