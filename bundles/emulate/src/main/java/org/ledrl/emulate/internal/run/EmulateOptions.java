package org.ledrl.emulate.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledrl.api.command.Arguments;
import org.ledrl.emulate.internal.fault.FaultSpec;
import org.ledrl.emulate.internal.fault.FaultSpecException;
import org.ledrl.emulate.internal.fault.FaultSpecs;

/**
 * The options of {@code ledrl emulate}, checked.
 *
 * @param scenario       the scenario as given (a file or a name in conf/scenarios)
 * @param sets           scenario overrides
 * @param policy         the policy every gateway decides with
 * @param durationMillis how long gateways generate tasks
 * @param speed          scenario seconds per real second
 * @param faults         the faults as given
 * @param work           sleep or cpu
 * @param seed           the run's seed, or null for the scenario's
 * @param out            the output folder
 * @param compare        whether to run the simulator on the same scenario, policy and seed
 */
record EmulateOptions(String scenario, List<String> sets, String policy, long durationMillis, double speed,
                      List<FaultSpec> faults, String work, Long seed, Path out, boolean compare) {

    static final List<String> VALUED = List.of("scenario", "set", "policy", "duration", "speed", "fault", "work",
            "seed", "out");
    static final List<String> FLAGS = List.of("no-compare");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    static EmulateOptions parse(List<String> args) throws Arguments.UsageException {
        Arguments arguments = Arguments.parse(args, VALUED, FLAGS);
        String scenario = arguments.required("scenario");
        String policy = arguments.required("policy");
        long duration = duration(arguments.value("duration").orElse("60s"));
        double speed;
        try {
            speed = Double.parseDouble(arguments.value("speed").orElse("1"));
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("option --speed needs a number above 0 and at most 100, e.g. 2, not '"
                    + arguments.value("speed").orElse("") + "'");
        }
        if (!(speed > 0) || speed > 100) {
            throw new Arguments.UsageException("option --speed needs a number above 0 and at most 100, was " + speed);
        }
        String work = arguments.value("work").orElse("sleep").toLowerCase(Locale.ROOT);
        if (!work.equals("sleep") && !work.equals("cpu")) {
            throw new Arguments.UsageException("option --work is sleep or cpu, not '" + work + "'");
        }
        List<FaultSpec> faults = new ArrayList<>();
        for (String spec : arguments.values("fault")) {
            try {
                faults.add(FaultSpecs.parse(spec));
            } catch (FaultSpecException e) {
                throw new Arguments.UsageException(e.getMessage());
            }
        }
        Long seed = arguments.value("seed").isPresent() ? arguments.longValue("seed", 0) : null;
        Path out = Path.of(arguments.value("out").orElse("results/emulate-" + Path.of(scenario).getFileName()
                .toString().replaceAll("\\.ya?ml$", "") + "-" + policy));
        return new EmulateOptions(scenario, arguments.values("set"), policy, duration, speed, faults, work, seed, out,
                !arguments.flag("no-compare"));
    }

    static long duration(String text) throws Arguments.UsageException {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new Arguments.UsageException("option --duration needs a time such as 60s, 2m or 90 (seconds), not '"
                    + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        double millis = "ms".equals(m.group(2)) ? value : "m".equals(m.group(2)) ? value * 60_000 : value * 1000;
        if (millis < 1000 || millis > 86_400_000) {
            throw new Arguments.UsageException("option --duration must be from 1 s to a day, was '" + text + "'");
        }
        return Math.round(millis);
    }
}
