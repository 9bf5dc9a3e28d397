package org.touchpointcrm.platform.deadletters;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Whether an exception is the infrastructure failing for a while (the schema registry unreachable or
 * closing a connection, a broker timing out) rather than the record being bad. Such a record must not
 * become a dead letter: it is valid and will go through once the registry or broker answers again, so
 * the Streams thread fails and is replaced, and exactly-once processing takes the record up again.
 */
public final class TransientFailure {

    /** Causes nested deeper than this are not looked at: a bounded walk, also for cyclic cause chains. */
    private static final int MAX_DEPTH = 16;
    /**
     * Apicurio's serdes reach the registry over Vert.x, whose transport errors (a closed connection, a
     * timeout) are its own runtime exceptions; its JSON package's are about content, so not among them.
     */
    private static final String REGISTRY_TRANSPORT = "io.vertx.";
    private static final String VERTX_CONTENT = "io.vertx.core.json.";

    private TransientFailure() {
    }

    /**
     * What a Streams thread that died of {@code exception} becomes: replaced after a transient failure (its
     * transaction is aborted and its records are taken up again); any other failure stops the app, so that
     * readiness goes down and someone looks, rather than a thread failing on the same record for ever.
     */
    public static StreamThreadExceptionResponse afterStreamThreadFailed(Throwable exception) {
        return is(exception) ? StreamThreadExceptionResponse.REPLACE_THREAD : StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    public static boolean is(Throwable exception) {
        Throwable cause = exception;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            // Not IOException as a whole: Avro reports truncated bytes as an EOFException, and a bad record
            // taken for a transient failure would fail its thread for ever instead of becoming a dead letter.
            String name = cause.getClass().getName();
            if (cause instanceof SocketException || cause instanceof UnknownHostException || cause instanceof InterruptedIOException
                    || cause instanceof HttpTimeoutException || cause instanceof TimeoutException || cause instanceof RetriableException
                    || (name.startsWith(REGISTRY_TRANSPORT) && !name.startsWith(VERTX_CONTENT))) {
                return true;
            }
        }
        return false;
    }
}
