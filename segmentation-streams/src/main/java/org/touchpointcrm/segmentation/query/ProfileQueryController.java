package org.touchpointcrm.segmentation.query;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.segmentation.sweep.ProfileAsOf;

/**
 * {@code GET /v1/customers/{id}/profile}, answered from the state store of whichever instance owns
 * the customer: locally, or by asking the owner. An id without a profile of its own (a reference linked
 * to a customer) or a retired one (merged into another) is answered with the profile it leads to, its
 * path in {@code Content-Location} ({@link MergedCustomers}, docs/identity.md). During a rebalance the
 * answer is 503 with Retry-After, never a false 404.
 */
@RestController
public class ProfileQueryController {

    static final String UNAVAILABLE = "Profiles are not available yet";

    private final MergedCustomers customers;
    private final ProfileAsOf asOf;

    public ProfileQueryController(MergedCustomers customers, ProfileAsOf asOf) {
        this.asOf = asOf;
        this.customers = customers;
    }

    @GetMapping("/v1/customers/{customerId}/profile")
    public ResponseEntity<?> profile(@PathVariable String customerId,
                                     @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        if (forwarded) {
            // Another instance walks the chain; this one says what its own stores hold.
            MergedCustomers.Lead lead = customers.own(customerId, UNAVAILABLE);
            if (lead instanceof MergedCustomers.Lead.Live live) {
                return ResponseEntity.ok(asOf.view(live.profile()));
            }
            return MergedCustomers.redirect(lead).orElseGet(() -> unknownCustomer(customerId));
        }
        Optional<MergedCustomers.Resolved> resolved = customers.resolve(customerId, UNAVAILABLE);
        if (resolved.isEmpty()) {
            return unknownCustomer(customerId);
        }
        MergedCustomers.Resolved survivor = resolved.get();
        ResponseEntity.BodyBuilder answer = survivor.remote() == null ? ResponseEntity.ok()
                : ResponseEntity.status(survivor.remote().getStatusCode()).headers(survivor.remote().getHeaders());
        if (!survivor.customerId().equals(customerId)) {
            answer.header(HttpHeaders.CONTENT_LOCATION, MergedCustomers.path(survivor.customerId(), "profile"));
        }
        return survivor.remote() == null ? answer.body(asOf.view(survivor.local())) : answer.body(survivor.remote().getBody());
    }

    /** 404 for a customer without a profile; the timeline answers the same. */
    public static ResponseEntity<ProblemDetail> unknownCustomer(String customerId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no touchpoint of customer " + customerId + " has been processed; check the id, or send a touchpoint first");
        problem.setTitle("Unknown customer");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
