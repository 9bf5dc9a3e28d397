package org.touchpointcrm.localstack;

import java.net.URL;
import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;

/**
 * The local stack's log file: the broker's, the Streams apps' and the clients' lines go there, not to the terminal
 * (logback.xml, {@link TerminalFilter}). The file lives in the data directory, which is only known, and emptied, once
 * the command line is read, after logging has started: so logging is configured again, from the same logback.xml,
 * with the file's path. Spring Boot, loading logback.xml when the first service starts, finds the same property.
 */
final class StackLog {

    /** The system property logback.xml reads the file's path from. */
    static final String FILE_PROPERTY = "crm.local-stack.log-file";
    /** The file, relative to the data directory. */
    static final String FILE = "logs/local-stack.log";

    private StackLog() {
    }

    static void writeTo(Path file) {
        System.setProperty(FILE_PROPERTY, file.toString());
        URL config = StackLog.class.getResource("/logback.xml");
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml cannot be read again: " + e.getMessage(), e);
        }
    }
}
