package org.ledrl.prior;

import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatClient} in front of another that records its answers to an {@link AnswerCache} and
 * replays them, as the {@link CacheMode} says. Failures (no answer) are never recorded: a replay
 * then asks again or reports {@link RejectionReason#NOT_RECORDED}.
 */
public final class CachingChatClient implements ChatClient {

    private static final Logger LOG = LoggerFactory.getLogger(CachingChatClient.class);

    private final ChatClient server;
    private final AnswerCache cache;
    private final CacheMode mode;

    public CachingChatClient(ChatClient server, AnswerCache cache, CacheMode mode) {
        this.server = server;
        this.cache = cache;
        this.mode = mode;
    }

    /** {@code server} itself for {@link CacheMode#OFF}, else a caching client in front of it. */
    public static ChatClient wrap(ChatClient server, AnswerCache cache, CacheMode mode) {
        return mode == CacheMode.OFF ? server : new CachingChatClient(server, cache, mode);
    }

    @Override
    public String model() {
        return server.model();
    }

    @Override
    public String complete(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        String key = AnswerCache.key(server.model(), conversation);
        if (mode == CacheMode.REPLAY || mode == CacheMode.AUTO) {
            var recorded = cache.find(key);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            if (mode == CacheMode.REPLAY) {
                throw new ChatFailure(RejectionReason.NOT_RECORDED,
                        "prompt " + key.substring(0, 12) + " was not recorded in " + cache.file());
            }
        }
        String answer = server.complete(conversation, jsonSchema);
        try {
            cache.store(key, server.model(), answer);
        } catch (UncheckedIOException e) {
            LOG.error("Answer not recorded: {}", e.getMessage());
        }
        return answer;
    }
}
