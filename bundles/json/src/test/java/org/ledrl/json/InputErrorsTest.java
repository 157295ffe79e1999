package org.ledrl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class InputErrorsTest {

    private final ObjectMapper strict = StrictJson.mapper();

    private String error(String body) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict.readTree(body.getBytes(StandardCharsets.UTF_8)), body);
        return InputErrors.describe(e, "the body");
    }

    @Test
    void anUnclosedObjectSaysSoWithItsPosition() {
        assertEquals("the body ends before the JSON object is closed, at character 12", error("{\"sizeKB\": 3"));
        assertEquals("the body ends before the JSON array is closed, at character 5", error("[1, 2"));
        assertEquals("the body ends before a string is closed, at character 10", error("{\"abc\": \"x"));
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        assertTrue(error("{\"a\": 1}x").startsWith("unexpected content after the JSON value, at character "),
                error("{\"a\": 1}x"));
        assertTrue(error("{\"a\": 1}{}").startsWith("unexpected content after the JSON value, at character 9"),
                error("{\"a\": 1}{}"));
        assertTrue(error("{\"a\": 1}\n\n{}").startsWith("unexpected content after the JSON value, at line 3"),
                error("{\"a\": 1}\n\n{}"));
    }

    @Test
    void commonMistakesAreNamed() {
        assertTrue(error("{\"a\": NaN}").contains("NaN or Infinity"), error("{\"a\": NaN}"));
        assertTrue(error("{\"a\": 1, \"a\": 2}").contains("gives the key 'a' twice"));
        assertTrue(error("{\"a\": tru}").contains("the word 'tru'"), error("{\"a\": tru}"));
        assertTrue(error("{a: 1}").contains("the character 'a' where a key in double quotes"), error("{a: 1}"));
        assertTrue(error("{\"a\": \"x\ny\"}").contains("control character inside a string"));
    }

    @Test
    void yamlProblemsKeepYamlsWordsAndTheLine() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> new YAMLMapper().readTree("nodes: 10\nlinks: [1, 2\nseed: 3\n"));
        String message = InputErrors.describeYaml(e, "the scenario");
        assertTrue(message.startsWith("the scenario is not valid YAML: "), message);
        assertTrue(message.contains("line "), message);
        assertLibraryFree(message);
    }

    /** Whatever the text, the message names no parser class, feature or source excerpt. */
    @Property(tries = 2000)
    void noMessageQuotesTheLibrary(@ForAll @StringLength(max = 40) String text) {
        String body = "{\"a\": " + text;
        try {
            strict.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            assertLibraryFree(InputErrors.describe(e, "the body"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try {
            new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            assertLibraryFree(InputErrors.describeYaml(e, "the file"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertLibraryFree(String message) {
        for (String leak : new String[] {"jackson", "Jackson", "Feature", "Source:", "REDACTED", "Exception",
                "com.fasterxml", "snakeyaml", "start marker", "code 1"}) {
            assertFalse(message.contains(leak), () -> "'" + leak + "' in: " + message);
        }
    }
}
