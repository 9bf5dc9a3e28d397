package org.touchpointcrm.access;

import java.util.Optional;

/**
 * Which requests of a service need a key, and which operation each of its routes needs. Each
 * service supplies one as a bean; {@link ApiKeyFilter} asks it about every request.
 */
public interface RouteScopes {

    /**
     * The start of the paths that need a key, e.g. {@code /v1/}: a request outside it passes without
     * one, so the routes a service leaves open stay open.
     */
    String guardedPrefix();

    /**
     * @param method the HTTP method, upper case
     * @param path   the request's path, within {@link #guardedPrefix()}
     * @return the operation the route needs, or empty if any known key may call it
     */
    Optional<Operation> of(String method, String path);

    /**
     * Whether a client may call a route that needs {@code needed}. A service whose routes accept a
     * related operation too (ingest's touchpoint routes take consent writers) says so here.
     */
    default boolean permits(ApiClient client, Operation needed) {
        return client.may(needed);
    }
}
