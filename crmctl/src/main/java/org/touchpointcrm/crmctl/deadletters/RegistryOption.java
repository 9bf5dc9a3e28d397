package org.touchpointcrm.crmctl.deadletters;

import java.net.URI;

import picocli.CommandLine.Option;

/** {@code --registry}: where Avro schemas are, to decode values (show) and to write the ledger's entries (replay). */
public final class RegistryOption {

    @Option(names = "--registry", defaultValue = "http://localhost:8085", paramLabel = "URL",
            description = "The schema registry's base address (default: ${DEFAULT-VALUE}).")
    URI registry;
}
