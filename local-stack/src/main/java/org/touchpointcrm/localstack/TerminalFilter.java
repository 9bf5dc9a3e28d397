package org.touchpointcrm.localstack;

import java.util.Set;

import org.apache.kafka.common.errors.ApiException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What of the log reaches the local stack's terminal: what a person should act on. Our own warnings and errors
 * (they are written for people: a refused key, a dead letter, a part that did not stop), and every other library's
 * errors; not the libraries' warnings, which a fresh single-node stack produces by the hundred (a topic not there
 * yet, a group rebalancing, a config a client does not know) and which stay in the log file.
 */
public final class TerminalFilter extends Filter<ILoggingEvent> {

    private static final String OURS = "org.touchpointcrm.";
    /** The broker's own loggers (its Scala packages). */
    private static final String BROKER = "kafka.";
    /**
     * Errors a fresh stack logs and recovers from by itself: several clients ask for {@code __transaction_state} at
     * once on a new broker and the losers log it.
     */
    private static final Set<String> EXPECTED_ERRORS = Set.of("kafka.server.DefaultAutoTopicCreationManager");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        Level level = event.getLevel();
        String logger = event.getLoggerName();
        if (logger.startsWith(OURS)) {
            return level.isGreaterOrEqual(Level.WARN) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
        if (!level.isGreaterOrEqual(Level.ERROR) || EXPECTED_ERRORS.contains(logger) || answeredToAClient(event)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /**
     * The broker logs at ERROR what it answers a client with (an {@link ApiException}: a producer's sequence out of
     * order after its epoch was bumped, a fenced transaction); the client retries or reports it itself.
     */
    private static boolean answeredToAClient(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null || !event.getLoggerName().startsWith(BROKER)) {
            return false;
        }
        try {
            return ApiException.class.isAssignableFrom(Class.forName(thrown.getClassName(), false,
                    TerminalFilter.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
