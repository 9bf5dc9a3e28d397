package org.touchpointcrm.access;

import java.util.Optional;
import java.util.Set;

/**
 * Routes under one prefix that need a key: reading needs one operation, everything else another. A
 * service names its prefix and the two operations by extending it.
 */
public abstract class ReadWriteScopes implements RouteScopes {

    /** HEAD too: Spring MVC answers it from the GET mappings. */
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final String prefix;
    private final Operation read;
    private final Operation write;

    protected ReadWriteScopes(String prefix, Operation read, Operation write) {
        this.prefix = prefix;
        this.read = read;
        this.write = write;
    }

    @Override
    public String guardedPrefix() {
        return prefix;
    }

    /** A method that is not a read needs the write scope, so that a route added later is never open to readers. */
    @Override
    public Optional<Operation> of(String method, String path) {
        return Optional.of(READS.contains(method) ? read : write);
    }
}
