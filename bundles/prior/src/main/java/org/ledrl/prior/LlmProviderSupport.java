package org.ledrl.prior;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ledrl.api.health.BufferStatus;
import org.ledrl.api.model.StrategyPrior;
import org.ledrl.api.prior.PromptContext;
import org.osgi.framework.BundleContext;

/**
 * What every LLM provider component holds besides its server client: the operator's templates, the
 * answer cache, the worker threads, the fallback and the rejection counts. A component makes one on
 * activation ({@link #configured}), builds its {@link GuardedPriorProvider} with {@link #guard}, and
 * closes it on deactivation.
 */
public final class LlmProviderSupport implements AutoCloseable {

    private final String name;
    private final TemplateFolder templates;
    private final AnswerCache cache;
    private final CacheMode cacheMode;
    private final Duration lastValidMaxAge;
    private final Function<PromptContext, StrategyPrior> fallback;
    private final ExecutorService executor;
    private final RejectionCounts rejections = new RejectionCounts();

    /**
     * @param name            the provider's name (threads and logs)
     * @param templatesFolder the operator's templates, {@code null} for the built-in ones
     * @param cacheMode       how answers are recorded or replayed
     * @param cacheFile       the answer cache file (unused when the mode is {@link CacheMode#OFF})
     * @param lastValidMaxAge how old a node's last valid prior may be to stand in for a failed answer
     * @param concurrency     requests to the server at once
     * @param fallback        the prior when the LLM gives none (the heuristic)
     */
    public LlmProviderSupport(String name, Path templatesFolder, CacheMode cacheMode, Path cacheFile,
                              Duration lastValidMaxAge, int concurrency,
                              Function<PromptContext, StrategyPrior> fallback) {
        this(name, templatesFolder, cacheMode, cacheFile, AnswerCache.DEFAULT_MAX_ENTRIES, lastValidMaxAge, concurrency,
                fallback);
    }

    /** As above, with the answer cache holding at most {@code cacheMaxEntries} answers. */
    public LlmProviderSupport(String name, Path templatesFolder, CacheMode cacheMode, Path cacheFile,
                              int cacheMaxEntries, Duration lastValidMaxAge, int concurrency,
                              Function<PromptContext, StrategyPrior> fallback) {
        if (concurrency < 1) {
            throw new IllegalArgumentException(name + ": concurrency must be at least 1, not " + concurrency);
        }
        if (cacheMode != CacheMode.OFF && cacheFile == null) {
            throw new IllegalArgumentException(name + ": cache mode " + cacheMode + " needs a cache file");
        }
        this.name = name;
        this.templates = new TemplateFolder(templatesFolder);
        this.cacheMode = cacheMode;
        this.cache = cacheMode == CacheMode.OFF ? null : AnswerCache.open(cacheFile, cacheMaxEntries);
        this.lastValidMaxAge = lastValidMaxAge;
        this.fallback = fallback;
        this.executor = Executors.newFixedThreadPool(concurrency, daemonThreads(name));
    }

    /**
     * The support a component's configuration describes, checked: a clear error naming the
     * configuration {@code pid}, the key and the value when something is wrong. Relative files are
     * under the installation's {@link Home}.
     */
    public static LlmProviderSupport configured(String pid, String name, BundleContext context, String templatesDir,
                                                String cacheMode, String cacheFile, int fallbackMaxAgeSeconds,
                                                int concurrency, Function<PromptContext, StrategyPrior> fallback) {
        return configured(pid, name, context, templatesDir, cacheMode, cacheFile, AnswerCache.DEFAULT_MAX_ENTRIES,
                fallbackMaxAgeSeconds, concurrency, fallback);
    }

    /** As above, with the answer cache holding at most {@code cacheMaxEntries} answers (key cache.max.entries). */
    public static LlmProviderSupport configured(String pid, String name, BundleContext context, String templatesDir,
                                                String cacheMode, String cacheFile, int cacheMaxEntries,
                                                int fallbackMaxAgeSeconds, int concurrency,
                                                Function<PromptContext, StrategyPrior> fallback) {
        CacheMode mode;
        try {
            mode = CacheMode.parse(cacheMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + pid + ": cache.mode: " + e.getMessage(), e);
        }
        require(pid, concurrency >= 1, "concurrency", concurrency, "at least 1");
        require(pid, cacheMaxEntries >= 1, "cache.max.entries", cacheMaxEntries, "at least 1");
        require(pid, fallbackMaxAgeSeconds >= 0, "fallback.max.age.seconds", fallbackMaxAgeSeconds, "0 or more");
        return new LlmProviderSupport(name, Home.resolve(context, templatesDir), mode, Home.resolve(context, cacheFile),
                cacheMaxEntries, Duration.ofSeconds(fallbackMaxAgeSeconds), concurrency, fallback);
    }

    /** Throws "configuration PID: KEY must be WHAT, not 'VALUE'" unless {@code ok}. */
    public static void require(String pid, boolean ok, String key, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException("configuration " + pid + ": " + key + " must be " + what + ", not '"
                    + value + "'");
        }
    }

    /** The guarded provider around {@code server}, with this support's cache, templates and threads. */
    public GuardedPriorProvider guard(ChatClient server) {
        ChatClient client = cacheMode == CacheMode.OFF ? server : CachingChatClient.wrap(server, cache, cacheMode);
        return new GuardedPriorProvider(name, client, templates::current, fallback, lastValidMaxAge, executor,
                rejections);
    }

    public RejectionCounts rejections() {
        return rejections;
    }

    /** "cache off" or "cache replay from FILE (N answers)", for describe(). */
    public String describeCache() {
        return cache == null ? "cache off"
                : "cache " + cacheMode.name().toLowerCase(java.util.Locale.ROOT) + " " + cache.file() + " ("
                + cache.size() + " answers)";
    }

    /** The answer cache, when there is one: answers kept, the bound, and answers not kept because of it. */
    public List<BufferStatus> buffers() {
        return cache == null ? List.of()
                : List.of(new BufferStatus("prior-" + name + ".answer-cache", cache.size(), cache.maxEntries(),
                cache.dropped()));
    }

    public TemplateFolder templates() {
        return templates;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "prior-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
