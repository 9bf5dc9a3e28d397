package org.touchpointcrm.crmctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.crmctl.CrmctlRun.crmctl;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** Exit codes and messages of the command line itself: 2 for a wrong command line, 1 for a failure at run time. */
class CommandLineTest {

    @Test
    void anUnknownOptionIsAUsageErrorWithPicocliMessage() {
        CrmctlRun run = crmctl("dead-letters", "list", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void aMalformedIdOrAMissingSelectionOrAnUnknownDeadLetterTopicIsAUsageError() {
        CrmctlRun malformed = crmctl("dead-letters", "show", "3-42");
        CrmctlRun noSelection = crmctl("dead-letters", "replay");
        CrmctlRun notADeadLetterTopic = crmctl("dead-letters", "list", "--topic", "crm.customers");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'3-42' is not a dead letter id; write <partition>:<offset>, e.g. 3:42");
        assertThat(noSelection.exitCode()).isEqualTo(2);
        assertThat(noSelection.err()).contains("Missing required argument", "--id", "--all");
        assertThat(notADeadLetterTopic.exitCode()).isEqualTo(2);
        assertThat(notADeadLetterTopic.err()).contains("--topic crm.customers is not a dead-letter topic of the catalogue; give one of crm.dlq.segmentation");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutNamingTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CrmctlRun run = crmctl("dead-letters", "list", "--bootstrap-server", "127.0.0.1:" + closedPort, "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Kafka at 127.0.0.1:" + closedPort + " is unreachable: it did not give its cluster id within 2 s",
                "Check --bootstrap-server");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(crmctl().exitCode()).isEqualTo(2);
        assertThat(crmctl("dead-letters").err()).contains("Missing command: give one of list, show, replay");
    }
}
