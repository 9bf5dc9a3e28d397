package org.touchpointcrm.segmentation.cases;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/** Staff commands onto crm.case-commands, acknowledged by the broker before the caller hears 202. */
@Component
public class CaseCommandWriter {

    static final String UNAVAILABLE = "Cases cannot be changed now";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;

    public CaseCommandWriter(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    public void write(CaseCommand command) {
        try {
            kafka.send(Topics.CASE_COMMANDS.name(), command.getStoreKey(), command)
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new StoreUnavailableException(UNAVAILABLE, "the broker did not acknowledge the change within "
                    + ACK_TIMEOUT + "; nothing was changed, send it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(UNAVAILABLE, "interrupted; send it again");
        }
    }
}
