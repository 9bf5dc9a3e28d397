package org.touchpointcrm.notifier.reactions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {

    @Test
    void aReplyThatIsOnlyAStopWordInAnyCaseWithSpacesAroundStops() {
        assertThat(StopWords.isStop("STOP")).isTrue();
        assertThat(StopWords.isStop(" stop\n")).isTrue();
        assertThat(StopWords.isStop("Lopeta")).isTrue();
        assertThat(StopWords.isStop("unsubscribe")).isTrue();
        assertThat(StopWords.isStop("StopAll")).isTrue();
    }

    @Test
    void aReplyThatMerelyContainsAStopWordDoesNot() {
        assertThat(StopWords.isStop("don't stop")).isFalse();
        assertThat(StopWords.isStop("STOP IT")).isFalse();
        assertThat(StopWords.isStop("")).isFalse();
        assertThat(StopWords.isStop(null)).isFalse();
    }
}
