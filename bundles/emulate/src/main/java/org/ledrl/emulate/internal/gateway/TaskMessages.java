package org.ledrl.emulate.internal.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The messages gateways exchange. A task carries its input: a 4-byte header length, a JSON header, then
 * padding up to the task's size ({@code sizeKB} x 1000 bytes in all), so the broker and the sockets move
 * as many bytes as the task has. A result is a small JSON object.
 */
final class TaskMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskMessages() {
    }

    /**
     * A task on its way to its executor.
     *
     * @param taskId          the task's id in the run
     * @param origin          the node it arrived at
     * @param cycles          CPU cycles it needs
     * @param sizeKB          its input size
     * @param deadlineAtMillis when its deadline passes (epoch ms)
     * @param executionFailsAt fraction of the compute time at which its execution fails, or -1 when it does not
     */
    record TaskMessage(long taskId, int origin, double cycles, double sizeKB, long deadlineAtMillis,
                       double executionFailsAt) {
    }

    /**
     * What the executor says about a task.
     *
     * @param taskId   the task
     * @param executor the node that had it
     * @param failure  {@code NONE} when it ran to completion, else why not
     * @param heldMillis how long the executor held it, receipt to reply
     */
    record ResultMessage(long taskId, int executor, String failure, long heldMillis) {
    }

    static byte[] encode(TaskMessage task) throws IOException {
        byte[] header = JSON.writeValueAsBytes(task);
        int size = Math.max(4 + header.length, (int) Math.round(task.sizeKB() * 1000));
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(header.length).put(header);
        return buffer.array();
    }

    static TaskMessage decodeTask(byte[] payload) throws IOException {
        if (payload.length < 4) {
            throw new IOException("a task message of " + payload.length + " bytes has no header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        int length = buffer.getInt();
        if (length < 2 || length > payload.length - 4) {
            throw new IOException("a task message's header length " + length + " does not fit its "
                    + payload.length + " bytes");
        }
        return JSON.readValue(new String(payload, 4, length, StandardCharsets.UTF_8), TaskMessage.class);
    }

    static byte[] encode(ResultMessage result) throws IOException {
        return JSON.writeValueAsBytes(result);
    }

    static ResultMessage decodeResult(byte[] payload) throws IOException {
        return JSON.readValue(payload, ResultMessage.class);
    }
}
