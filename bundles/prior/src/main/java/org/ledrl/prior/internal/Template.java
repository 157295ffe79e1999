package org.ledrl.prior.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledrl.prior.TemplateException;

/**
 * A small logic-less template, a subset of Mustache that operators already know:
 * {@code {{name}}} inserts a value, {@code {{#name}}...{{/name}}} repeats for each entry of a list
 * (or shows once for {@code true}), {@code {{^name}}...{{/name}}} shows when the list is empty or the
 * value is {@code false}. A section tag alone on its line takes its line break with it. Names inside a
 * section resolve in the entry first, then outside. No HTML escaping: prompts are plain text.
 *
 * <p>Values are {@link String}, {@link Boolean} or {@code List<Map<String, Object>>}. A name the data
 * does not have is an error naming the template and the line, so a typo in an edited file is caught
 * when the file is loaded, not rendered as an empty string.
 */
public final class Template {

    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/]?)\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final Pattern STANDALONE_SECTION_TAG =
            Pattern.compile("(?m)^[ \\t]*(\\{\\{\\s*[#^/]\\s*[A-Za-z0-9_.]+\\s*}})[ \\t]*\\r?\\n");

    private final String name;
    private final List<Node> nodes;

    private Template(String name, List<Node> nodes) {
        this.name = name;
        this.nodes = nodes;
    }

    /** Parses {@code text}; {@code name} (the file) appears in every error message. */
    public static Template parse(String name, String text) {
        String source = STANDALONE_SECTION_TAG.matcher(text).replaceAll("$1");
        Deque<Section> open = new ArrayDeque<>();
        List<Node> root = new ArrayList<>();
        Matcher m = TAG.matcher(source);
        int last = 0;
        while (m.find()) {
            List<Node> target = open.isEmpty() ? root : open.peek().children;
            if (m.start() > last) {
                target.add(new Text(source.substring(last, m.start())));
            }
            int line = lineOf(source, m.start());
            String kind = m.group(1);
            String key = m.group(2);
            switch (kind) {
                case "#", "^" -> {
                    Section s = new Section(key, kind.equals("^"), line, new ArrayList<>());
                    target.add(s);
                    open.push(s);
                }
                case "/" -> {
                    if (open.isEmpty() || !open.peek().key.equals(key)) {
                        throw new TemplateException(name + " line " + line + ": {{/" + key + "}} closes no open section"
                                + (open.isEmpty() ? "" : " (open: {{#" + open.peek().key + "}})"));
                    }
                    open.pop();
                }
                default -> target.add(new Variable(key, line));
            }
            last = m.end();
        }
        if (!open.isEmpty()) {
            Section s = open.peek();
            throw new TemplateException(name + " line " + s.line + ": section {{#" + s.key + "}} is never closed");
        }
        if (last < source.length()) {
            root.add(new Text(source.substring(last)));
        }
        return new Template(name, root);
    }

    public String name() {
        return name;
    }

    /** Renders with {@code data}; throws {@link TemplateException} for a name the data lacks. */
    public String render(Map<String, Object> data) {
        StringBuilder out = new StringBuilder();
        Deque<Map<String, Object>> scopes = new ArrayDeque<>();
        scopes.push(data);
        render(nodes, scopes, out);
        return out.toString();
    }

    private void render(List<Node> list, Deque<Map<String, Object>> scopes, StringBuilder out) {
        for (Node node : list) {
            if (node instanceof Text t) {
                out.append(t.text);
            } else if (node instanceof Variable v) {
                Object value = lookup(v.key, v.line, scopes);
                if (!(value instanceof String || value instanceof Boolean)) {
                    throw new TemplateException(name + " line " + v.line + ": {{" + v.key
                            + "}} is a list; use {{#" + v.key + "}}...{{/" + v.key + "}}");
                }
                out.append(value);
            } else if (node instanceof Section s) {
                renderSection(s, scopes, out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void renderSection(Section s, Deque<Map<String, Object>> scopes, StringBuilder out) {
        Object value = lookup(s.key, s.line, scopes);
        boolean empty = value instanceof List<?> l ? l.isEmpty()
                : value instanceof Boolean b ? !b
                : ((String) value).isEmpty();
        if (s.inverted) {
            if (empty) {
                render(s.children, scopes, out);
            }
            return;
        }
        if (empty) {
            return;
        }
        if (value instanceof List<?> entries) {
            for (Object entry : entries) {
                scopes.push((Map<String, Object>) entry);
                try {
                    render(s.children, scopes, out);
                } finally {
                    scopes.pop();
                }
            }
        } else {
            render(s.children, scopes, out);
        }
    }

    private Object lookup(String key, int line, Deque<Map<String, Object>> scopes) {
        for (Map<String, Object> scope : scopes) {
            Object value = scope.get(key);
            if (value != null) {
                return value;
            }
        }
        throw new TemplateException(name + " line " + line + ": unknown name {{" + key + "}}");
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private interface Node {
    }

    private record Text(String text) implements Node {
    }

    private record Variable(String key, int line) implements Node {
    }

    private record Section(String key, boolean inverted, int line, List<Node> children) implements Node {
    }
}
