package org.ledrl.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a JSON or YAML text could not be read, in the project's words: what is wrong and where,
 * never the parser's class or feature names. The one place that turns a parse exception into the
 * message a REST client, an MQTT sender or the author of a scenario file reads.
 */
public final class InputErrors {

    private static final Pattern QUOTED = Pattern.compile("'([^']{0,40})'");
    private static final Pattern CHARACTER = Pattern.compile("character \\((?:'(.{1,2})'|CTRL-CHAR)[^)]*code (\\d+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{0,60})'");

    private InputErrors() {
    }

    /**
     * The problem of a text that is not valid JSON, e.g. {@code the body ends before the JSON object
     * is closed, at character 12}.
     *
     * @param subject what was read, as the sentence should name it: {@code the body}, {@code the payload}
     */
    public static String describe(JsonProcessingException e, String subject) {
        return problem(e, subject) + where(e.getLocation(), e instanceof JsonEOFException);
    }

    /**
     * The problem of a YAML text: YAML's own description of the problem (plain words) with its line
     * and column, or the JSON wording where the YAML reader reports a JSON-level problem.
     */
    public static String describeYaml(JsonProcessingException e, String subject) {
        String yamlProblem = yamlProblem(e);
        if (yamlProblem == null) {
            return describe(e, subject);
        }
        return subject + " is not valid YAML: " + yamlProblem + where(e.getLocation(), false);
    }

    private static String problem(JsonProcessingException e, String subject) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException eof) {
            return subject + " ends before " + unclosed(eof) + " is closed";
        }
        if (e instanceof StreamConstraintsException) {
            return subject + " is too large to read: " + constraint(message);
        }
        if (message.startsWith("Trailing token") || afterTheValue(e)) {
            return "unexpected content after the JSON " + topLevel(e);
        }
        if (message.contains("Non-standard token") || message.contains("NaN") || message.contains("Infinity")) {
            return subject + " has a number JSON cannot carry (NaN or Infinity); send a finite number, or null where "
                    + "a value is unknown";
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return subject + " gives the key '" + duplicate.group(1) + "' twice";
        }
        if (message.startsWith("Unrecognized token")) {
            Matcher word = QUOTED.matcher(message);
            return subject + " has the word " + (word.find() ? "'" + word.group(1) + "'" : "")
                    + " where a value is expected (a number, a string in double quotes, true, false or null)";
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32")) {
            return subject + " is not UTF-8 text";
        }
        if (message.contains("Illegal unquoted character") || message.contains("CTRL-CHAR")) {
            return subject + " has a control character inside a string: escape it (\\n, \\t, \\u0000)";
        }
        if (message.contains("Unexpected end-of-input")) {
            return subject + " ends before the JSON text is complete";
        }
        if (message.contains("No content to map") || message.contains("end-of-input")) {
            return subject + " is empty";
        }
        if (message.contains("Leading zeroes") || message.contains("numeric value") || message.contains("Numeric value")
                || message.contains("Invalid numeric") || message.contains("expected digit")) {
            return subject + " has a malformed number";
        }
        if (message.startsWith("Unexpected character") || message.startsWith("Unexpected close marker")) {
            return subject + " has " + character(message) + " where " + expected(e) + " is expected";
        }
        return subject + " is not valid JSON";
    }

    /** What the parser was inside when the text ended. */
    private static String unclosed(JsonEOFException e) {
        if (e.getTokenBeingDecoded() == JsonToken.VALUE_STRING || e.getTokenBeingDecoded() == JsonToken.FIELD_NAME) {
            return "a string";
        }
        JsonParser parser = e.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        if (context != null && context.inArray()) {
            return "the JSON array";
        }
        if (context != null && context.inObject()) {
            return "the JSON object";
        }
        return "the JSON text";
    }

    /** True when the parser had read a whole value and failed on what came after it. */
    private static boolean afterTheValue(JsonProcessingException e) {
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        return context != null && context.inRoot() && context.getEntryCount() >= 2;
    }

    private static String topLevel(JsonProcessingException e) {
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        return context != null && context.inArray() ? "array" : "value";
    }

    private static String expected(JsonProcessingException e) {
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        if (context != null && context.inObject()) {
            return "a key in double quotes, ',' or '}'";
        }
        if (context != null && context.inArray()) {
            return "a value, ',' or ']'";
        }
        return "a JSON value";
    }

    private static String character(String message) {
        Matcher m = CHARACTER.matcher(message);
        if (!m.find()) {
            return "an unexpected character";
        }
        int code = Integer.parseInt(m.group(2));
        if (code < 0x20 || code == 0x7f) {
            return "the control character " + String.format(Locale.ROOT, "U+%04X", code);
        }
        return "the character '" + new String(Character.toChars(code)) + "'";
    }

    private static String constraint(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("nesting depth")) {
            return "it is nested too deeply";
        }
        if (lower.contains("number")) {
            return "a number has too many digits";
        }
        if (lower.contains("string") || lower.contains("name")) {
            return "a string is too long";
        }
        return "it exceeds the reader's limits";
    }

    /**
     * The position, counted from 1: a character offset on one line, a line and column otherwise. At
     * the end of the text it is the count of characters read.
     */
    private static String where(JsonLocation location, boolean atEnd) {
        if (location == null || location == JsonLocation.NA) {
            return "";
        }
        int line = location.getLineNr();
        int column = location.getColumnNr();
        if (line > 1 && column > 0) {
            return ", at line " + line + ", column " + column;
        }
        long offset = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
        if (offset >= 0) {
            return ", at character " + (atEnd ? Math.max(offset, 1) : offset + 1);
        }
        return column > 0 ? ", at character " + column : "";
    }

    /**
     * YAML's description of the problem without its excerpt and marks: the YAML reader's message is
     * "while scanning ... in 'reader', line 1, column 4: ... expected ',' or ']', but got ...". The
     * phrases are YAML's plain words; class names and the source excerpt are left out.
     */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getClass().getName().indexOf(".yaml.") < 0) {
            return null;
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        StringBuilder phrases = new StringBuilder();
        for (String line : message.split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("in '") || text.equals("^") || line.startsWith("    ")
                    || text.contains("Exception") || text.contains("http") || text.contains("com.")
                    || text.contains("org.")) {
                continue;
            }
            if (phrases.length() > 0) {
                phrases.append("; ");
            }
            phrases.append(text);
            if (phrases.length() > 160) {
                break;
            }
        }
        return phrases.length() == 0 ? "the text cannot be read as YAML" : phrases.toString();
    }
}
