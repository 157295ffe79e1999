package org.ledrl.json.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Corpus-plus-mutation inputs for the fuzz tests of every input surface: a valid example from the
 * surface's corpus, changed one to four times by cutting, deleting, duplicating, swapping in a
 * character or inserting a token that parsers find hard ({@code NaN}, {@code null}, a huge number,
 * a control character, a stray brace). The mutations come from a seed that jqwik reports, so a
 * failing case can be replayed.
 */
public final class Mutants {

    /** Tokens that tend to break readers of JSON, YAML, key=value files and tool output. */
    public static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "'", "null", "NaN",
            "-Infinity", "true", "-1", "0", "1e309", "-0.0", "99999999999999999999999", "1.5", "\\", "\\u0000",
            "\u0000", "\n", "\r\n", "\t", " ", "#", "=", "- ", "!!", "&a", "*a", "%", "\u00e9", "\ud83d\ude00", "\ufffd",
            "{}", "[]", "{\"a\":1}", "0x1F", "1_000", "--", "@", "~", "\u2028");

    private Mutants() {
    }

    /** Mutants of the corpus entries (and, now and then, an entry unchanged). */
    public static Arbitrary<String> of(List<String> corpus) {
        return Arbitraries.longs().map(seed -> mutate(corpus, new Random(seed)));
    }

    /** Mutants with surface-specific tokens added to {@link #TOKENS}. */
    public static Arbitrary<String> of(List<String> corpus, List<String> extraTokens) {
        List<String> tokens = new ArrayList<>(TOKENS);
        tokens.addAll(extraTokens);
        return Arbitraries.longs().map(seed -> mutate(corpus, tokens, new Random(seed)));
    }

    /** One mutant drawn with {@code random}: for fuzz drivers outside jqwik (the REST fuzz over HTTP). */
    public static String mutate(List<String> corpus, Random random) {
        return mutate(corpus, TOKENS, random);
    }

    static String mutate(List<String> corpus, List<String> tokens, Random random) {
        StringBuilder text = new StringBuilder(corpus.get(random.nextInt(corpus.size())));
        int rounds = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.setLength(at);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 2 -> text.insert(at, tokens.get(random.nextInt(tokens.size())));
                case 3 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(16));
                    text.insert(end, text.substring(at, end));
                }
                case 4 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0xD800)));
                    }
                }
                case 5 -> text.append(tokens.get(random.nextInt(tokens.size())));
                default -> {
                    String other = corpus.get(random.nextInt(corpus.size()));
                    int from = other.isEmpty() ? 0 : random.nextInt(other.length());
                    text.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(24)));
                }
            }
        }
        return text.toString();
    }
}
