package org.ledrl.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.osgi.service.component.annotations.Component;

/** {@code ledrl simbench}: the simulator's throughput benchmark ({@link SimBench}). */
@Component(service = CliCommand.class)
public final class SimBenchCommand implements CliCommand {

    @Override
    public String name() {
        return "simbench";
    }

    @Override
    public String summary() {
        return "measure how many tasks per second the simulator runs at several network sizes";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "ledrl simbench [--nodes 20,100,1000] [--tasks 2000000] [--repeats 5] [--policy random|local]",
                "  prints the median tasks simulated per second for each network size");
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Exception {
        try {
            Arguments arguments = Arguments.parse(args, List.of("nodes", "tasks", "repeats", "policy"), List.of());
            List<Integer> sizes = new ArrayList<>();
            for (String size : arguments.value("nodes").orElse("20,100,1000").split(",")) {
                try {
                    sizes.add(Integer.parseInt(size.trim()));
                } catch (NumberFormatException e) {
                    throw new Arguments.UsageException("option --nodes takes whole numbers, not '" + size + "'");
                }
            }
            long tasks = arguments.longValue("tasks", 2_000_000);
            int repeats = arguments.intValue("repeats", 5);
            String policy = arguments.value("policy").orElse("random");
            if (repeats < 1 || tasks < 1 || !List.of("random", "local").contains(policy)) {
                throw new Arguments.UsageException("--tasks and --repeats must be positive, --policy random or local");
            }
            SimBench.run(sizes, tasks, repeats, policy, context.out());
            return 0;
        } catch (Arguments.UsageException e) {
            context.err().println("simbench: " + e.getMessage());
            context.err().println(usage());
            return 2;
        }
    }
}
