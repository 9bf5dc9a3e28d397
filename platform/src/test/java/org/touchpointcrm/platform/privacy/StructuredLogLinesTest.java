package org.touchpointcrm.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The JSON log option (docs/operations.md, Logs): with Spring Boot's structured logging switched on, a value
 * carrying line breaks and quotes stays inside its one JSON line, so event data cannot forge a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogLinesTest {

    private static final String FORGED = "x\"}\n{\"@timestamp\":\"1999-01-01T00:00:00Z\",\"log.level\":\"ERROR\",\"message\":\"forged";

    @SpringBootConfiguration
    static class NothingElse {
    }

    @Test
    void aValueWithLineBreaksAndQuotesStaysInsideOneJsonLine(CapturedOutput output) {
        for (String format : List.of("ecs", "logstash")) {
            try (var context = new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
                    .properties("logging.structured.format.console=" + format, "spring.main.banner-mode=off").run()) {
                LoggerFactory.getLogger(StructuredLogLinesTest.class).warn("touchpoint {} rejected ({})", FORGED, format);
            }
            List<String> lines = output.getOut().lines()
                    .filter(line -> line.contains("forged") && line.contains("(" + format + ")")).toList();

            assertThat(lines).as(format).hasSize(1);
            assertThat(lines.getFirst()).as(format).startsWith("{").endsWith("}")
                    .contains("touchpoint x\\\"}\\n{\\\"@timestamp\\\"");
            assertThat(output.getOut().lines()).as(format).noneMatch(line -> line.startsWith("{\"@timestamp\":\"1999-01-01"));
        }
    }
}
