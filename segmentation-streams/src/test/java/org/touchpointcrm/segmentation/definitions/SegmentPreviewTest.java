package org.touchpointcrm.segmentation.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/** Adding up the instances' parts of a preview: every partition exactly once, or no answer. */
class SegmentPreviewTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void partsCoveringEveryPartitionAddUpWithTheFirstTenIdsAsTheSample() {
        var first = new SegmentPreview.Result(7, ids("b", 7), 100, range(0, 6), 1, AT);
        var second = new SegmentPreview.Result(5, ids("a", 5), 80, range(6, 12), 1, AT.plusMillis(5));

        SegmentPreview.Result merged = SegmentPreview.merge(List.of(first, second));

        assertThat(merged.matching()).isEqualTo(12);
        assertThat(merged.profilesScanned()).isEqualTo(180);
        assertThat(merged.sample()).hasSize(10).startsWith("a-0", "a-1", "a-2", "a-3", "a-4", "b-0");
        assertThat(merged.partitions()).isEqualTo(range(0, 12));
        assertThat(merged.asOf()).isEqualTo(AT.plusMillis(5));
        assertThat(merged.instances()).isEqualTo(2);
    }

    @Test
    void aMissingPartitionIsNotAnswered() {
        var part = new SegmentPreview.Result(7, ids("b", 7), 100, range(0, 11), 1, AT);

        assertThatThrownBy(() -> SegmentPreview.merge(List.of(part)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("rebalancing");
    }

    @Test
    void aPartitionOnTwoInstancesIsNotCountedTwice() {
        var first = new SegmentPreview.Result(1, ids("a", 1), 10, range(0, 7), 1, AT);
        var second = new SegmentPreview.Result(1, ids("b", 1), 10, range(6, 12), 1, AT);

        assertThatThrownBy(() -> SegmentPreview.merge(List.of(first, second)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("partition 6");
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
