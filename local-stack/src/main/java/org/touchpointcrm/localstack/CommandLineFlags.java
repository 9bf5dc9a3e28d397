package org.touchpointcrm.localstack;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads {@code --flag value} pairs, refusing unknown flags and flags without a value, with the usage. */
final class CommandLineFlags {

    private CommandLineFlags() {
    }

    static Map<String, String> read(String[] args, Set<String> known, String usage) {
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
}
