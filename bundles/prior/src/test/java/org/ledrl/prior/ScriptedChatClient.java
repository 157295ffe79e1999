package org.ledrl.prior;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A chat client that plays a script of answers (or failures) and records what it was sent. */
final class ScriptedChatClient implements ChatClient {

    final Deque<Object> script = new ArrayDeque<>();
    final List<List<ChatTurn>> conversations = new ArrayList<>();
    final List<String> schemas = new ArrayList<>();

    ScriptedChatClient then(String answer) {
        script.add(answer);
        return this;
    }

    ScriptedChatClient thenFail(RejectionReason reason, String message) {
        script.add(new ChatFailure(reason, message));
        return this;
    }

    @Override
    public String model() {
        return "scripted";
    }

    @Override
    public synchronized String complete(List<ChatTurn> conversation, String jsonSchema) throws ChatFailure {
        conversations.add(conversation);
        schemas.add(jsonSchema);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("the script has no answer left for " + conversation.get(conversation.size() - 1));
        }
        if (next instanceof ChatFailure f) {
            throw f;
        }
        return (String) next;
    }
}
