package org.ledrl.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ledrl.api.command.CliCommand;
import org.osgi.framework.Constants;

/**
 * The {@link CliCommand} services bound to a component, by name. When two services share a name,
 * the OSGi ranking picks one (highest {@code service.ranking}, then lowest {@code service.id}).
 * Thread-safe; {@link #await} lets one-shot mode wait for a command that is still starting.
 */
final class CommandIndex {

    private record Entry(String name, int ranking, long serviceId, CliCommand command) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparing(Entry::name)
            .thenComparing(Comparator.comparingInt(Entry::ranking).reversed()).thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new ArrayList<>(); // guarded by this, sorted BEST_FIRST

    /** Adds or, for a service already known, replaces; returns the command's name. */
    synchronized String add(CliCommand command, Map<String, ?> properties) {
        long serviceId = serviceId(properties);
        entries.removeIf(e -> e.serviceId() == serviceId);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Entry entry = new Entry(command.name(), ranking instanceof Integer r ? r : 0, serviceId, command);
        entries.add(entry);
        entries.sort(BEST_FIRST);
        notifyAll();
        return entry.name();
    }

    /** Removes the service; returns the name it had, if it was known. */
    synchronized Optional<String> remove(Map<String, ?> properties) {
        long serviceId = serviceId(properties);
        Optional<String> name = entries.stream().filter(e -> e.serviceId() == serviceId).map(Entry::name).findFirst();
        entries.removeIf(e -> e.serviceId() == serviceId);
        return name;
    }

    synchronized Optional<CliCommand> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).map(Entry::command).findFirst();
    }

    /** One command per name, sorted by name. */
    synchronized List<CliCommand> commands() {
        List<CliCommand> commands = new ArrayList<>();
        String previous = null;
        for (Entry e : entries) {
            if (!e.name().equals(previous)) {
                commands.add(e.command());
                previous = e.name();
            }
        }
        return commands;
    }

    /** Waits up to {@code timeout} for a command of that name. */
    synchronized Optional<CliCommand> await(String name, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Optional<CliCommand> command = find(name);
        for (long left = unit.toNanos(timeout); command.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            command = find(name);
        }
        return command;
    }

    private static long serviceId(Map<String, ?> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long id ? id : -1L;
    }
}
