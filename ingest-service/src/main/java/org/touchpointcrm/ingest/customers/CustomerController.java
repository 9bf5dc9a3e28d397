package org.touchpointcrm.ingest.customers;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.profiles.ProfileQueryClient;

/**
 * The customer register, one customer at a time:
 * <ul>
 * <li>{@code PUT /v1/customers/{customerId}} replaces the customer's master data and answers 200 with
 * the record as stored, once Kafka has it on all in-sync replicas. Always 200, never 201: whether the
 * customer is new would take a read of the register, which ingest-service does not keep.</li>
 * <li>{@code GET /v1/customers/{customerId}} answers with the customer's profile from
 * segmentation-streams' profile query. The master data shows there only once segmentation-streams
 * joins the register topic into the profile (a later release); until then GET shows what the
 * customer's touchpoints made of the profile.</li>
 * <li>{@code DELETE /v1/customers/{customerId}} files an erasure request and answers 202 with its id;
 * the erasure itself is carried out by the services that hold the customer's data.</li>
 * </ul>
 */
@RestController
public class CustomerController {

    /** Until API keys arrive, every request is attributed to this source. */
    static final String ANONYMOUS_SOURCE = "http";

    private final CustomerValidator validator;
    private final CustomerPublisher publisher;
    private final ProfileQueryClient profiles;

    public CustomerController(CustomerValidator validator, CustomerPublisher publisher, ProfileQueryClient profiles) {
        this.validator = validator;
        this.publisher = publisher;
        this.profiles = profiles;
    }

    @PutMapping(path = "/v1/customers/{customerId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public CustomerView register(@PathVariable String customerId, @RequestBody CustomerRequest request) {
        var record = validator.validate(customerId, request, ANONYMOUS_SOURCE);
        publisher.upsert(record);
        return CustomerView.of(record);
    }

    @GetMapping(path = "/v1/customers/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> profile(@PathVariable String customerId) {
        String profile = profiles.profile(customerId, String.class).orElseThrow(() -> new UnknownCustomerException(
                "customer " + customerId + " has no profile: segmentation-streams has processed no touchpoint and no"
                        + " register record of it yet"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(profile);
    }

    @DeleteMapping(path = "/v1/customers/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ErasureFiled erase(@PathVariable String customerId, @RequestParam(required = false) String reason) {
        var request = validator.validateErasure(customerId, reason, ANONYMOUS_SOURCE);
        publisher.fileErasure(request);
        return new ErasureFiled(request.getRequestId(), request.getCustomerId(), request.getRequestedAt());
    }

    /** The answer to a DELETE: the request's id, which the erasure receipts will refer to. */
    public record ErasureFiled(String requestId, String customerId, Instant requestedAt) {
    }
}
