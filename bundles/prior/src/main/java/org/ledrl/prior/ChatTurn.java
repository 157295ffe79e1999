package org.ledrl.prior;

/** One message of a chat with an LLM. */
public record ChatTurn(Role role, String text) {

    public enum Role { SYSTEM, USER, ASSISTANT }

    public static ChatTurn system(String text) {
        return new ChatTurn(Role.SYSTEM, text);
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text);
    }
}
