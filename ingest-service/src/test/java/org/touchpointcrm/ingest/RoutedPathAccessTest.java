package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.touchpointcrm.ingest.customers.CustomerController;
import org.touchpointcrm.ingest.customers.CustomerPublisher;
import org.touchpointcrm.ingest.customers.CustomerValidator;
import org.touchpointcrm.access.profiles.ProfileQueryClient;

/**
 * Spring MVC routes {@code /v1;x=1/customers/c-1} to the customers controller, so the key check
 * must see that path too: a path parameter or an escape in the URI must not open a route.
 */
@WebMvcTest(CustomerController.class)
@Import({IngestWebTestConfiguration.class, CustomerValidator.class})
class RoutedPathAccessTest {

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private CustomerPublisher publisher;
    @MockitoBean
    private ProfileQueryClient profiles;

    @Test
    void aCustomerRouteSpelledWithPathParametersOrEscapesStillNeedsAKey() {
        for (String disguised : new String[] {"/v1;x=1/customers/c-1", "/v1/customers;x=1/c-1", "/%761/customers/c-1"}) {
            URI uri = URI.create(disguised);
            assertThat(mvc.get().uri(uri).exchange()).as("GET " + disguised).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(mvc.delete().uri(uri).exchange()).as("DELETE " + disguised).hasStatus(HttpStatus.UNAUTHORIZED);
        }
        verifyNoInteractions(publisher, profiles);
    }
}
