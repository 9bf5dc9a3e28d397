package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The local stack's logback.xml, loaded into a context of its own as the stack loads it: the broker's, the Streams
 * apps' and the clients' lines go to the file in the data directory; the terminal gets our warnings and others' errors.
 */
class StackLogTest {

    @TempDir
    Path data;

    private final LoggerContext context = new LoggerContext();
    private Appender<ILoggingEvent> terminal;
    private Path file;

    @BeforeEach
    void configureAsTheStackDoes() throws Exception {
        file = data.resolve(StackLog.FILE);
        System.setProperty(StackLog.FILE_PROPERTY, file.toString());
        context.setMDCAdapter(new LogbackMDCAdapter());
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(StackLog.class.getResource("/logback.xml"));
        terminal = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("TERMINAL");
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty(StackLog.FILE_PROPERTY);
    }

    private boolean onTerminal(String logger, Level level) {
        var event = new LoggingEvent(getClass().getName(), context.getLogger(logger), level, "a line", null, null);
        return terminal.getFilterChainDecision(event) != FilterReply.DENY;
    }

    @Test
    void librariesWarningsGoToTheFileInTheDataDirectoryNotToTheTerminal() throws Exception {
        context.getLogger("org.apache.kafka.clients.NetworkClient").warn("Error while fetching metadata: UNKNOWN_TOPIC");
        context.getLogger("org.apache.kafka.streams.KafkaStreams").info("State transition from REBALANCING to RUNNING");

        assertThat(Files.readString(file)).contains("Error while fetching metadata: UNKNOWN_TOPIC",
                "State transition from REBALANCING to RUNNING");
        assertThat(onTerminal("org.apache.kafka.clients.NetworkClient", Level.WARN)).isFalse();
        assertThat(onTerminal("org.apache.kafka.streams.KafkaStreams", Level.INFO)).isFalse();
    }

    @Test
    void ourWarningsAndEveryonesErrorsReachTheTerminal() {
        assertThat(onTerminal("org.touchpointcrm.access.profiles.ProfileQueryClient", Level.WARN)).isTrue();
        assertThat(onTerminal("org.touchpointcrm.localstack.LocalStack", Level.ERROR)).isTrue();
        assertThat(onTerminal("org.apache.kafka.streams.KafkaStreams", Level.ERROR)).isTrue();
    }

    @Test
    void ourInformationAndTheErrorsAFreshBrokerRecoversFromStayInTheFile() {
        assertThat(onTerminal("org.touchpointcrm.segmentation.SegmentationApplication", Level.INFO)).isFalse();
        assertThat(onTerminal("kafka.server.DefaultAutoTopicCreationManager", Level.ERROR)).isFalse();
    }

    @Test
    void whatTheBrokerAnswersAClientWithStaysInTheFileButItsOwnFailuresReachTheTerminal() {
        var answered = new LoggingEvent(getClass().getName(), context.getLogger("kafka.server.ReplicaManager"), Level.ERROR,
                "Error processing append operation", new OutOfOrderSequenceException("Invalid sequence number"), null);
        var failed = new LoggingEvent(getClass().getName(), context.getLogger("kafka.server.ReplicaManager"), Level.ERROR,
                "Error processing append operation", new IllegalStateException("disk full"), null);

        assertThat(terminal.getFilterChainDecision(answered)).isEqualTo(FilterReply.DENY);
        assertThat(terminal.getFilterChainDecision(failed)).isNotEqualTo(FilterReply.DENY);
    }

    @Test
    void theBrokersDebugLinesGoNowhere() {
        // Unconfigured, logback logs everything at DEBUG to the console: about 1,600 lines before the banner.
        assertThat(context.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").isDebugEnabled()).isFalse();
    }
}
