package org.ledrl.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ledrl.api.model.EnvironmentEvent;
import org.ledrl.api.model.Outcome;

/**
 * A trace file of a run, one JSON object a line: each task outcome
 * ({@code {"episode":0,"task":12,"origin":3,"type":"control","sizeKB":301.2,...,"failure":"NONE",...}})
 * and each network event ({@code {"episode":0,"event":"LINK_FAILED","timeMillis":...,"node":2,"peer":5}}).
 * Streams to disk; keeps nothing in memory.
 */
public final class JsonlTrace implements TraceSink, AutoCloseable {

    private final JsonGenerator json;

    public JsonlTrace(Path file) throws IOException {
        json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void outcome(int episode, Outcome outcome) {
        try {
            json.writeStartObject();
            json.writeNumberField("episode", episode);
            json.writeNumberField("task", outcome.task().id());
            json.writeNumberField("origin", outcome.task().origin());
            json.writeStringField("type", outcome.task().type());
            json.writeNumberField("arrivalMillis", outcome.task().arrivalMillis());
            json.writeNumberField("sizeKB", outcome.task().sizeKB());
            json.writeNumberField("cyclesPerBit", outcome.task().cyclesPerBit());
            json.writeNumberField("deadlineS", outcome.task().deadlineS());
            json.writeNumberField("executor", outcome.executor());
            json.writeNumberField("hops", outcome.hops());
            json.writeStringField("failure", outcome.failure().name());
            json.writeNumberField("latencyS", outcome.latencyS());
            json.writeNumberField("reliability", outcome.reliability());
            json.writeNumberField("completedMillis", outcome.completedMillis());
            json.writeNumberField("reward", outcome.reward());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    @Override
    public void event(int episode, EnvironmentEvent event) {
        try {
            json.writeStartObject();
            json.writeNumberField("episode", episode);
            json.writeStringField("event", event.type().name());
            json.writeNumberField("timeMillis", event.timeMillis());
            json.writeNumberField("node", event.node());
            json.writeNumberField("peer", event.peer());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}
