package org.touchpointcrm.crmctl.deadletters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.RegistryOptions;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A value in Confluent's wire format (magic byte 0, a 4-byte schema id, Avro binary) decoded with the writer's
 * schema, fetched by its id from the registry's Confluent API; or why it could not be.
 */
final class ValueDecoder implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HEADER_LENGTH = 5;

    /** The answer: JSON with the writer's schema, or the reason it is not. */
    sealed interface Decoded permits Json, NotDecoded {
    }

    record Json(int schemaId, String schemaName, String json) implements Decoded {
    }

    record NotDecoded(String reason) implements Decoded {
    }

    private final URI registry;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    ValueDecoder(RegistryConnection connection, Duration timeout) {
        this.registry = connection.baseUrl();
        this.authorization = connection.username().map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + connection.password().orElseThrow()).getBytes(StandardCharsets.UTF_8)));
        this.timeout = timeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        connection.truststore().ifPresent(store -> http.sslContext(trusting(store, connection)));
        this.http = http.build();
    }

    /** TLS that trusts what the trust store holds, as the serdes do with the same connection. */
    private static SSLContext trusting(Path store, RegistryConnection connection) {
        char[] password = connection.truststorePassword().orElse("").toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance(store.toFile(), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new CrmctlException("--registry-truststore " + store + " could not be loaded (" + e + "); give a PKCS12 "
                    + "trust store and its --registry-truststore-password-file", e);
        }
    }

    Decoded decode(byte[] value) {
        if (value == null) {
            return new NotDecoded("the value is null (a tombstone)");
        }
        if (value.length < HEADER_LENGTH || value[0] != 0) {
            return new NotDecoded(value.length < HEADER_LENGTH
                    ? "it has " + value.length + " bytes, fewer than Confluent's wire format's 5-byte header"
                    : "its first byte is 0x%02x, not Confluent's magic byte 0: it is not Avro in Confluent's wire format".formatted(value[0]));
        }
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema schema;
        try {
            schema = writerSchema(schemaId);
        } catch (NotDecodable e) {
            return new NotDecoded(e.getMessage());
        }
        try {
            Object datum = new GenericDatumReader<>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null));
            return new Json(schemaId, schema.getFullName(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(AvroJson.toJson(datum, schema)));
        } catch (IOException | RuntimeException e) {
            // Avro answers bad bytes with many kinds of RuntimeException (an index out of range, a length past
            // the JVM's array limit, a cap of AvroLimits); each is the reason this value is not shown.
            return new NotDecoded("its bytes do not decode with the schema of id " + schemaId + " (" + schema.getFullName()
                    + "): " + e);
        }
    }

    private Schema writerSchema(int schemaId) {
        URI uri = URI.create(registry.toString().replaceAll("/+$", "") + CrmSerdes.CCOMPAT_PATH + "/schemas/ids/" + schemaId);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            authorization.ifPresent(value -> request.header("Authorization", value));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotDecodable("the registry at " + registry + " did not answer for schema id " + schemaId + " (" + e
                    + "); give --registry, or start the registry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDecodable("interrupted while asking the registry for schema id " + schemaId);
        }
        if (response.statusCode() == 401) {
            throw new NotDecodable("the registry at " + registry + " answered 401 Unauthorized for schema id " + schemaId
                    + (authorization.isPresent() ? ": it refused --registry-user and its password; check both"
                            : ": " + RegistryOptions.CREDENTIALS_HINT));
        }
        if (response.statusCode() != 200) {
            throw new NotDecodable("the registry at " + registry + " answered " + response.statusCode() + " for schema id "
                    + schemaId + " (" + uri + "): " + response.body().strip());
        }
        try {
            JsonNode schema = JSON.readTree(response.body()).get("schema");
            if (schema == null) {
                throw new NotDecodable("the registry's answer for schema id " + schemaId + " has no schema: " + response.body());
            }
            return new Schema.Parser().parse(schema.asString());
        } catch (JacksonException | SchemaParseException e) {
            throw new NotDecodable("the registry's answer for schema id " + schemaId + " is not an Avro schema: " + e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static final class NotDecodable extends RuntimeException {
        NotDecodable(String message) {
            super(message);
        }
    }
}
