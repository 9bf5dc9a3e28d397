package org.touchpointcrm.notifier.delivery;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.backoff.ExponentialBackOff;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The delivery's Kafka pieces: the ledger, the dead letters, and the listener that feeds the delivery. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    static final String CONTAINER_FACTORY = "deliveryContainerFactory";

    @Bean
    @SuppressWarnings("unchecked")
    DeliveryLedger deliveryLedger(KafkaTemplate<String, SpecificRecord> kafka, ConsumerFactory<?, ?> consumers,
            DeliveryProperties properties, MeterRegistry registry) {
        var overrides = new Properties();
        // Assigned every partition and read from the start each time: no group, nothing to commit.
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var ledger = new DeliveryLedger(kafka,
                () -> (Consumer<String, Delivery>) consumers.createConsumer(null, "delivery-ledger", null, overrides),
                properties.ledgerTimeout());
        Gauge.builder("crm.notifier.delivery.ledger.send.ids", ledger, DeliveryLedger::size)
                .description("send ids the delivery ledger holds in memory").register(registry);
        return ledger;
    }

    @Bean
    @SuppressWarnings("unchecked")
    DeliveryDeadLetters deliveryDeadLetters(ProducerFactory<?, ?> producers, CrmSerdes serdes, DeliveryProperties properties) {
        var bytes = new KafkaTemplate<>((ProducerFactory<byte[], byte[]>) producers, Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        return new DeliveryDeadLetters(bytes, serdes.value(Topics.CAMPAIGN_MESSAGES).serializer(), properties.ledgerTimeout());
    }

    @Bean
    DeliverCampaignMessage deliverCampaignMessage(DeliveryLedger ledger, DeliveryConsent consent, List<HandOver> handOvers,
            DeliveryRetries retries, DeliveryDeadLetters deadLetters, FeedbackTouchpoints touchpoints, DeliveryMeters meters,
            Clock clock, DeliveryProperties properties, ThroughputProperties throughput) {
        return new DeliverCampaignMessage(ledger, consent, handOvers, retries, deadLetters, touchpoints, meters, clock,
                properties.ledgerTimeout(), new ProviderLimits(throughput));
    }

    /** At most every provider's hand-overs in flight at once, plus as many again checking consent and the ledger. */
    @Bean
    DeliverBatch deliverBatch(DeliverCampaignMessage delivery, ThroughputProperties throughput, CrmSerdes serdes) {
        return new DeliverBatch(delivery, 2 * (throughput.email().inFlight() + throughput.sms().inFlight()),
                serdes.value(Topics.CAMPAIGN_MESSAGES).deserializer());
    }

    @Bean(destroyMethod = "close")
    SmtpConnections smtpConnections(JavaMailSenderImpl mail, ThroughputProperties throughput) {
        return new SmtpConnections(mail, throughput.smtpConnections());
    }

    @Bean
    EmailDelivery emailDelivery(SmtpConnections connections, EmailComposer composer) {
        return new EmailDelivery(connections, composer);
    }

    @Bean
    LocalProfiles localProfiles(StreamsBuilderFactoryBean streams) {
        return new LocalProfiles(streams);
    }

    /**
     * A batch listener ({@link DeliverBatch}). A record whose ledger entry, touchpoint or dead letter the broker did
     * not take is tried again (with the rest of its batch after it), with backoff, for as long as it takes: it is never
     * skipped (it would be a message never delivered and never accounted for).
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deliveryContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        var backOff = new ExponentialBackOff(1_000, 2);
        backOff.setMaxInterval(30_000);
        var errors = new DefaultErrorHandler(backOff);
        // A record that is not a CampaignMessage is no decision the notifier wrote: logged and passed, not retried.
        errors.addNotRetryableExceptions(SerializationException.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
