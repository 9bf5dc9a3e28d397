package org.touchpointcrm.schemas;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the serdes reach the schema registry: its base address, HTTP basic credentials, the trust store for its TLS
 * certificate, and whether producers register the schemas they write. Passwords are never shown by {@link #toString}.
 *
 * @param baseUrl            scheme, host and port, e.g. {@code https://registry:8443}; the serdes add the API path
 * @param username           basic-auth user, if the registry asks for one
 * @param password           its password
 * @param truststore         trust store (PKCS12 or JKS) holding the registry's certificate or its CA, for https
 * @param truststorePassword the trust store's password
 * @param truststoreType     PKCS12 or JKS
 * @param autoRegister       whether a producer registers a schema the registry does not have yet; off in production,
 *                           where the schemas are registered by {@code crmctl schemas register} before a release
 */
public record RegistryConnection(URI baseUrl, Optional<String> username, Optional<String> password,
                                 Optional<Path> truststore, Optional<String> truststorePassword, String truststoreType,
                                 boolean autoRegister) {

    public RegistryConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(truststoreType, "truststoreType");
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("the schema registry's username and password go together; give both or neither");
        }
    }

    /** A registry that needs no credentials and no trust store, where producers register their schemas. */
    public static RegistryConnection of(URI baseUrl) {
        return new RegistryConnection(baseUrl, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "PKCS12", true);
    }

    public RegistryConnection withBasicAuth(String username, String password) {
        return new RegistryConnection(baseUrl, Optional.of(username), Optional.of(password), truststore,
                truststorePassword, truststoreType, autoRegister);
    }

    public RegistryConnection withTruststore(Path truststore, String password, String type) {
        return new RegistryConnection(baseUrl, username, this.password, Optional.of(truststore), Optional.of(password),
                type, autoRegister);
    }

    public RegistryConnection withAutoRegister(boolean autoRegister) {
        return new RegistryConnection(baseUrl, username, password, truststore, truststorePassword, truststoreType,
                autoRegister);
    }

    @Override
    public String toString() {
        return "RegistryConnection[" + baseUrl + username.map(u -> ", user " + u).orElse("")
                + truststore.map(t -> ", truststore " + t).orElse("") + ", autoRegister=" + autoRegister + "]";
    }
}
