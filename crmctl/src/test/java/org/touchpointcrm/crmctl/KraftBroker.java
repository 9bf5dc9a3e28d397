package org.touchpointcrm.crmctl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.kafka.test.context.EmbeddedKafka;

/** A real one-node KRaft broker for the test class, able to run transactions. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(brokerProperties = {
        // The cleaner's 128 MB default buffer is sized for production brokers, not a test JVM.
        "log.cleaner.dedupe.buffer.size=8388608",
        // A topic exists only if a test created it.
        "auto.create.topics.enable=false",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1"})
public @interface KraftBroker {
}
