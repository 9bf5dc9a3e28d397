package org.touchpointcrm.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadWriteScopesTest {

    private final RouteScopes scopes = new ReadWriteScopes("/v1/things", Operation.CAMPAIGNS_READ,
            Operation.CAMPAIGNS_WRITE) {
    };

    @Test
    void onlyThePrefixIsGuarded() {
        assertThat(scopes.guardedPrefix()).isEqualTo("/v1/things");
    }

    @Test
    void getAndHeadNeedTheReadScope() {
        assertThat(scopes.of("GET", "/v1/things/a")).contains(Operation.CAMPAIGNS_READ);
        assertThat(scopes.of("HEAD", "/v1/things")).contains(Operation.CAMPAIGNS_READ);
    }

    @Test
    void everyOtherMethodNeedsTheWriteScopeSoThatANewRouteIsNeverOpenToReaders() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            assertThat(scopes.of(method, "/v1/things/a")).as(method).contains(Operation.CAMPAIGNS_WRITE);
        }
    }
}
