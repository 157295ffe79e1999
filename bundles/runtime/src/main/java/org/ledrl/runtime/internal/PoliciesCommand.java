package org.ledrl.runtime.internal;

import java.io.PrintStream;
import java.util.List;
import org.ledrl.api.command.Arguments;
import org.ledrl.api.command.CliCommand;
import org.ledrl.api.command.CommandContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ledrl policies}: the installed policies, which one decides now and why, and the fault counts. */
@Component(service = CliCommand.class)
public final class PoliciesCommand implements CliCommand {

    private final DecisionStatus status;

    @Activate
    public PoliciesCommand(@Reference DecisionStatus status) {
        this.status = status;
    }

    @Override
    public String name() {
        return "policies";
    }

    @Override
    public String summary() {
        return "list the installed offloading policies and the one deciding now";
    }

    @Override
    public String usage() {
        return """
                Usage: ledrl policies
                Lists the installed offloading policies, best ranked first; '*' marks the one the decision
                service decides with. 'ledrl use <policy>' changes it.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws Arguments.UsageException {
        if (!Arguments.parse(args, List.of(), List.of()).positional().isEmpty()) {
            throw new Arguments.UsageException("policies takes no arguments");
        }
        PrintStream out = context.out();
        String active = status.activePolicy();
        List<PolicyEntry> installed = status.installed();
        if (installed.isEmpty()) {
            out.println("No offloading policy is installed: every task stays on the node it arrived at.");
        } else {
            int width = installed.stream().mapToInt(e -> e.name().length()).max().orElse(0);
            out.printf("  %-" + width + "s  %s%n", "POLICY", "RANKING");
            boolean marked = false;
            for (PolicyEntry entry : installed) {
                // only the best-ranked service of a name decides; mark that one
                boolean deciding = !marked && entry.name().equals(active);
                marked |= deciding;
                out.printf("%s %-" + width + "s  %7d%n", deciding ? "*" : " ", entry.name(), entry.ranking());
            }
        }
        out.println("Active: " + active + " (" + status.activePolicyReason() + ")");
        out.printf("Decisions: %d; kept local after a policy fault: %d errors, %d invalid answers%n",
                status.decisions(), status.policyErrors(), status.invalidAnswers());
        return 0;
    }
}
