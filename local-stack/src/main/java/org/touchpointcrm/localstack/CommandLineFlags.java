package org.touchpointcrm.localstack;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads {@code --flag value} pairs, refusing unknown flags and flags without a value, with the usage. */
public final class CommandLineFlags {

    private CommandLineFlags() {
    }

    /**
     * The options a {@code main} was given; when they are refused, prints why (with the usage) and
     * exits with status 2.
     */
    public static <T> T parseOrExit(String[] args, Function<String[], T> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e; // not reached: exit does not return
        }
    }

    public static Map<String, String> read(String[] args, Set<String> known, String usage) {
        Map<String, String> given = new HashMap<>();
        var rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String flag = rest.pop();
            if (!known.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + "\n" + usage);
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage);
            }
            given.put(flag, rest.pop());
        }
        return given;
    }

    /**
     * A whole-number flag of at least {@code min} (underscores allowed, e.g. 400_000), or
     * {@code fallback} when the flag was not given; anything else is refused with the usage.
     */
    public static long number(Map<String, String> given, String flag, long fallback, long min, String usage) {
        String value = given.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n >= min && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " takes a whole number of " + min + " or more, not '" + value + "'\n" + usage);
    }
}
