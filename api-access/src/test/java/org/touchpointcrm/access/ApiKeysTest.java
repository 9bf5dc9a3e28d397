package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;

class ApiKeysTest {

    private static final AccessProperties.Key TILL = new AccessProperties.Key("tampere-till",
            ApiKeys.sha256Hex("till-key"), Set.of(Channel.POS), Set.of(Operation.TOUCHPOINTS_WRITE), 0);

    private final ApiKeys keys = new ApiKeys(() -> List.of(TILL));

    @Test
    void aKeyIsConfiguredAsTheLowerCaseHexOfItsSha256() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aKnownKeyFindsItsClientWithItsChannelsAndOperations() {
        assertThat(keys.find("till-key")).contains(
                new ApiClient("tampere-till", Set.of(Channel.POS), Set.of(Operation.TOUCHPOINTS_WRITE)));
    }

    @Test
    void anUnknownKeyFindsNoClient() {
        assertThat(keys.find("till-key ")).isEmpty();
        assertThat(keys.find(TILL.sha256())).as("the digest is not the key").isEmpty();
    }
}
