package org.touchpointcrm.crmctl.lag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.touchpointcrm.crmctl.KafkaConnection;

/**
 * One consumer group's position, per topic: committed offsets against end offsets (the high watermark,
 * as kafka-consumer-groups.sh counts lag). Partitions without a committed offset are left out.
 *
 * @param members each member as {@code client-id (host): N partitions}
 */
record GroupLag(String groupId, String state, List<String> members, List<TopicLag> topics) {

    record TopicLag(String topic, int partitions, long committed, long end) {
        long lag() {
            return Math.max(0, end - committed);
        }
    }

    long totalLag() {
        return topics.stream().mapToLong(TopicLag::lag).sum();
    }

    /** Every consumer group, sorted (classic and KIP-848 consumer groups alike; Streams apps use the classic protocol). */
    static List<String> consumerGroups(KafkaConnection kafka) {
        return kafka.await(kafka.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), "the consumer groups")
                .stream().map(GroupListing::groupId).sorted().toList();
    }

    static GroupLag of(KafkaConnection kafka, String groupId) {
        ConsumerGroupDescription description = kafka.await(
                kafka.admin().describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId), "group " + groupId);
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.await(
                kafka.admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "group " + groupId + "'s offsets");
        Map<TopicPartition, Long> committedOffsets = committed.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = committedOffsets.isEmpty() ? Map.of()
                : kafka.await(kafka.admin().listOffsets(committedOffsets.keySet().stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all(), "the end offsets");
        Map<String, TopicLag> byTopic = new TreeMap<>();
        committedOffsets.forEach((partition, offset) -> byTopic.merge(partition.topic(),
                new TopicLag(partition.topic(), 1, offset, ends.get(partition).offset()),
                (a, b) -> new TopicLag(a.topic(), a.partitions() + 1, a.committed() + b.committed(), a.end() + b.end())));
        List<String> members = description.members().stream()
                .map(m -> m.clientId() + " (" + m.host() + "): " + m.assignment().topicPartitions().size() + " partitions")
                .sorted().toList();
        return new GroupLag(groupId, String.valueOf(description.groupState()), members, List.copyOf(byTopic.values()));
    }
}
