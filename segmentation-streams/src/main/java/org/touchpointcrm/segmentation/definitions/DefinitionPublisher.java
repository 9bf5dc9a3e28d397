package org.touchpointcrm.segmentation.definitions;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.platform.definitions.ReadBackPublisher;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;

/**
 * Segment definitions written to crm.segment-definitions and awaited until this instance's
 * {@link SegmentCatalogue} has read them back; a broker that does not take one answers 503 as every
 * store that is not available does.
 */
@Component
public class DefinitionPublisher extends ReadBackPublisher<SegmentDefinition> {

    static final String UNAVAILABLE = "Segment definitions cannot be written now";

    public DefinitionPublisher(KafkaTemplate<String, SpecificRecord> kafka, SegmentCatalogue catalogue) {
        super(kafka, Topics.SEGMENT_DEFINITIONS, new Naming<>("segment", SegmentDefinition::getId,
                SegmentDefinition::getVersion, why -> new StoreUnavailableException(UNAVAILABLE, why)));
        catalogue.onChange(this::readBack);
    }
}
