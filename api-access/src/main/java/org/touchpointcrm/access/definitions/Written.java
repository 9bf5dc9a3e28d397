package org.touchpointcrm.access.definitions;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a write of a definition did.
 *
 * @param record  what was written, or what stays when nothing changed
 * @param visible whether this instance already reads it back (a GET right after shows it)
 * @param changed whether anything was written at all
 */
public record Written<V>(V record, boolean visible, boolean changed) {

    /** Nothing to write: the definition stays as it is, and is visible. */
    public static <V> Written<V> unchanged(V record) {
        return new Written<>(record, true, false);
    }

    /**
     * 202 when the definition is stored but this instance has not read it back yet; {@code status} when it
     * changed (with Location when that is 201); 200 when nothing changed. The ETag is always the version.
     */
    public <B> ResponseEntity<B> answer(HttpStatus status, long version, URI location, B body) {
        HttpStatus answered = !visible ? HttpStatus.ACCEPTED : changed ? status : HttpStatus.OK;
        var response = ResponseEntity.status(answered).eTag(Versions.etag(version));
        if (answered == HttpStatus.CREATED) {
            response.location(location);
        }
        return response.body(body);
    }
}
