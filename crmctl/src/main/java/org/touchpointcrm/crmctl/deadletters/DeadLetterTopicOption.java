package org.touchpointcrm.crmctl.deadletters;

import java.util.List;

import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --topic}: which dead-letter topic. The choices are the catalogue's topics named
 * {@value Topics#DEAD_LETTER_PREFIX}*, so a new service's dead letters need no change here.
 */
public final class DeadLetterTopicOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--topic", paramLabel = "DLQ-TOPIC",
            description = "The dead-letter topic (a catalogue topic crm.dlq.*); may be left out while the catalogue has only one.")
    String topic;

    /** The catalogue's dead-letter topics. */
    public static List<Topic<?, ?>> catalogue() {
        return Topics.ALL.stream().filter(t -> t.name().startsWith(Topics.DEAD_LETTER_PREFIX)).toList();
    }

    /** The topics the user means: the one named, else all of them. */
    List<String> topicsOrAll() {
        return topic == null ? catalogue().stream().map(Topic::name).toList() : List.of(one());
    }

    /** The one topic the user means; a usage error if the name is no dead-letter topic, or none is named and there are several. */
    String one() {
        List<String> names = catalogue().stream().map(Topic::name).toList();
        if (topic != null && !names.contains(topic)) {
            throw new ParameterException(mixee.commandLine(), "--topic " + topic + " is not a dead-letter topic of the catalogue; "
                    + "give one of " + String.join(", ", names));
        }
        if (topic == null && names.size() != 1) {
            throw new ParameterException(mixee.commandLine(), "the catalogue has several dead-letter topics; say which with "
                    + "--topic, one of " + String.join(", ", names));
        }
        return topic != null ? topic : names.getFirst();
    }
}
