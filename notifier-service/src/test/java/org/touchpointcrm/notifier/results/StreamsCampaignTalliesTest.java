package org.touchpointcrm.notifier.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class StreamsCampaignTalliesTest {

    @Test
    @SuppressWarnings("unchecked")
    void resultsKeptByAnotherInstanceNameTheOwnerToAskButNotInTheMessage() {
        KafkaStreams streams = mock(KafkaStreams.class);
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.queryMetadataForKey(eq(ResultsStores.CAMPAIGN_RESULTS), eq("win-back"), any(Serializer.class)))
                .willReturn(new KeyQueryMetadata(new HostInfo("notifier-2.internal", 8082), Set.of(), 0));
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        given(factory.getKafkaStreams()).willReturn(streams);
        Properties configuration = new Properties();
        configuration.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "notifier-1.internal:8082");
        given(factory.getStreamsConfiguration()).willReturn(configuration);

        ResultsKeptElsewhereException e = catchThrowableOfType(ResultsKeptElsewhereException.class,
                () -> new StreamsCampaignTallies(factory).tally("win-back"));

        assertThat(e.owner()).isEqualTo(new HostInfo("notifier-2.internal", 8082));
        assertThat(e.getMessage()).contains("another instance").doesNotContain("notifier-2", "8082");
    }
}
