package org.touchpointcrm.crmctl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.touchpointcrm.schemas.RegistryConnection;

import com.microsoft.kiota.ApiException;

import picocli.CommandLine.Option;

/**
 * How a command reaches the schema registry: its address, basic-auth credentials and trust store, as
 * {@link RegistryConnection} holds them for the serdes. Passwords come from files, never the command line (ps shows it).
 */
public final class RegistryOptions {

    /** What to tell an operator whose registry answered 401. */
    public static final String CREDENTIALS_HINT = "give --registry-user and --registry-password-file (the registry "
            + "asks for basic auth, e.g. compose's registry-proxy)";

    @Option(names = "--registry", defaultValue = "http://localhost:8085", paramLabel = "URL",
            description = "The schema registry's base address (default: ${DEFAULT-VALUE}).")
    URI registry;

    @Option(names = "--registry-user", paramLabel = "USER", description = "Basic-auth user of the registry.")
    String user;

    @Option(names = "--registry-password-file", paramLabel = "FILE",
            description = "A file holding that user's password (not on the command line, where ps shows it).")
    Path passwordFile;

    @Option(names = "--registry-truststore", paramLabel = "FILE",
            description = "PKCS12 trust store with the registry's certificate or CA, for an https address.")
    Path truststore;

    @Option(names = "--registry-truststore-password-file", paramLabel = "FILE",
            description = "A file holding the trust store's password.")
    Path truststorePasswordFile;

    /** Whether the registry client failed because the registry answered 401 (Apicurio's SDK says so with Kiota's exception). */
    public static boolean unauthorized(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api && api.getResponseStatusCode() == 401) {
                return true;
            }
        }
        return false;
    }

    public URI registry() {
        return registry;
    }

    /** The connection these options describe; the password files are read here. */
    public RegistryConnection connection() {
        RegistryConnection connection = RegistryConnection.of(registry);
        if (user != null) {
            if (passwordFile == null) {
                throw new CrmctlException("--registry-user needs --registry-password-file");
            }
            connection = connection.withBasicAuth(user, secret(passwordFile, "--registry-password-file"));
        } else if (passwordFile != null) {
            throw new CrmctlException("--registry-password-file needs --registry-user");
        }
        if (truststore != null) {
            connection = connection.withTruststore(truststore, truststorePasswordFile == null ? ""
                    : secret(truststorePasswordFile, "--registry-truststore-password-file"), "PKCS12");
        }
        return connection;
    }

    private static String secret(Path file, String option) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CrmctlException(option + " " + file + " could not be read (" + e + "); give a readable file", e);
        }
    }
}
