package org.touchpointcrm.console.apis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import org.touchpointcrm.console.ConsoleProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * The console's only way to the services: their public HTTP APIs, each call with the API key of the
 * user it is made for. Answers are read as plain JSON maps (the pages show them; the services own their
 * shape), errors become {@link ApiProblem}s carrying the service's problem as it came.
 */
@Component
public class ServiceApis {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> ARRAY = new ParameterizedTypeReference<>() {
    };

    private final Map<Service, RestClient> clients = new EnumMap<>(Service.class);
    private final JsonMapper json;

    public ServiceApis(RestClient.Builder builder, ConsoleProperties properties, JsonMapper json) {
        this.json = json;
        clients.put(Service.INGEST, builder.clone().baseUrl(properties.ingestUrl().toString()).build());
        clients.put(Service.SEGMENTATION, builder.clone().baseUrl(properties.segmentationUrl().toString()).build());
        clients.put(Service.NOTIFIER, builder.clone().baseUrl(properties.notifierUrl().toString()).build());
    }

    /** A JSON object answer. */
    public Map<String, Object> get(String key, Service service, Function<UriBuilder, URI> uri) {
        return exchange(key, service, HttpMethod.GET, uri, null, null).getBody();
    }

    /** A JSON array answer. */
    public List<Map<String, Object>> getList(String key, Service service, Function<UriBuilder, URI> uri) {
        try {
            return request(key, service, HttpMethod.GET, uri, null, null).retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw problem(service, response);
                    }).body(ARRAY);
        } catch (ResourceAccessException e) {
            throw unreachable(service);
        }
    }

    /** A JSON object answer with its headers (the ETag of a definition). */
    public ResponseEntity<Map<String, Object>> exchange(String key, Service service, HttpMethod method,
                                                        Function<UriBuilder, URI> uri, Object body, String ifMatch) {
        try {
            return request(key, service, method, uri, body, ifMatch).retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw problem(service, response);
                    }).toEntity(OBJECT);
        } catch (ResourceAccessException e) {
            throw unreachable(service);
        }
    }

    /** Copies a streamed answer (a CSV export) to {@code out} as it comes, without holding it. */
    public void stream(String key, Service service, Function<UriBuilder, URI> uri, OutputStream out) {
        try {
            request(key, service, HttpMethod.GET, uri, null, null).exchange((request, response) -> {
                if (response.getStatusCode().isError()) {
                    throw problem(service, response);
                }
                try (InputStream in = response.getBody()) {
                    in.transferTo(out);
                }
                return null;
            });
        } catch (ResourceAccessException e) {
            throw unreachable(service);
        }
    }

    private RestClient.RequestBodySpec request(String key, Service service, HttpMethod method,
                                               Function<UriBuilder, URI> uri, Object body, String ifMatch) {
        RestClient.RequestBodySpec spec = clients.get(service).method(method).uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (ifMatch != null) {
            spec.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec;
    }

    private ApiProblem problem(Service service, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        Map<String, Object> body = Map.of();
        try (InputStream in = response.getBody()) {
            byte[] bytes = in.readNBytes(256 * 1024);
            if (bytes.length > 0) {
                body = json.readValue(bytes, Map.class);
            }
        } catch (RuntimeException notJson) {
            // a proxy's HTML page or an empty body: the status says enough
        }
        return new ApiProblem(service, status, text(body.get("title")), text(body.get("detail")),
                objects(body.get("problems")).map(p -> new ApiProblem.RuleProblem(number(p.get("line")), number(p.get("column")),
                        text(p.get("part")), text(p.get("message")))).toList(),
                objects(body.get("errors")).map(e -> new ApiProblem.FieldProblem(
                        text(e.containsKey("field") ? e.get("field") : e.get("parameter")),
                        text(e.containsKey("reason") ? e.get("reason") : e.get("message")))).toList());
    }

    /** The objects of a JSON array in a problem; anything else (absent, not a list) is none. */
    private static java.util.stream.Stream<Map<?, ?>> objects(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(item -> (Map<?, ?>) item)
                : java.util.stream.Stream.empty();
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static ApiProblem unreachable(Service service) {
        return new ApiProblem(service, 503, "unreachable", null, null, null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
