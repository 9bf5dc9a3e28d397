package org.touchpointcrm.segmentation.query;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.segmentation.identity.IdentityGraph;
import org.touchpointcrm.segmentation.profile.UpdateProfile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a queried customer id leads (docs/identity.md): its own profile; else, for a reference such as
 * {@code email:…} that has no profile of its own, the customer the identity graph links it to (store
 * {@value #LINKS_STORE}); and from a retired profile along {@code mergedInto} to the survivor, at most
 * {@value #MOST_HOPS} merges. Each step is read where its key lives: in this instance's stores, or by asking the
 * owner with a forwarded query, which answers from its own stores only: the live profile (200), where the id
 * leads ({@code 307} with {@code Location} of the next customer's profile), or that it knows none (404).
 */
@Component
public class MergedCustomers {

    /** The identity graph's store, reference to customer id (the identity stage builds it). */
    public static final String LINKS_STORE = IdentityGraph.STORE;
    /** Merges followed from a retired profile; a longer chain is a merge still being applied. */
    public static final int MOST_HOPS = 5;

    static final String PROFILE_PATH = "/v1/customers/{id}/profile";
    private static final Pattern PROFILE_LOCATION = Pattern.compile("^/v1/customers/([^/]+)/profile$");

    private final StoreQueries stores;
    private final PeerInstances peers;
    private final JsonMapper json;

    public MergedCustomers(StoreQueries stores, PeerInstances peers, JsonMapper json) {
        this.stores = stores;
        this.peers = peers;
        this.json = json;
    }

    /** The survivor's profile, read here ({@code local}) or by its owner ({@code remote}, the owner's answer as it came). */
    public record Resolved(String customerId, CustomerProfile local, ResponseEntity<String> remote) {
    }

    /** What this instance's own stores say of one id. */
    public sealed interface Lead {
        /** The id's live profile. */
        record Live(CustomerProfile profile) implements Lead {
        }

        /** The id leads to another customer: linked to it, or merged into it. */
        record Next(String customerId) implements Lead {
        }

        /** Nothing here knows the id. */
        record Unknown() implements Lead {
        }
    }

    /** The path of a customer's profile or timeline, for {@code Content-Location} and {@code Location}. */
    public static String path(String customerId, String what) {
        return UriComponentsBuilder.fromPath("/v1/customers/{id}/" + what).encode().buildAndExpand(customerId).toUriString();
    }

    /**
     * A forwarded query's answer from this instance's stores only: never asks another instance.
     *
     * @throws StoreUnavailableException when this instance holds neither the id's profile nor its link
     */
    public Lead own(String id, String unavailable) {
        StoreQueries.Owner profileOwner = stores.owner(UpdateProfile.STORE, id, unavailable);
        Optional<StoreQueries.Owner> linkOwner = linkOwner(id, unavailable);
        if (!profileOwner.local() && linkOwner.map(o -> !o.local()).orElse(true)) {
            throw new StoreUnavailableException(unavailable, "ownership is moving between instances");
        }
        if (profileOwner.local()) {
            CustomerProfile profile = stores.<CustomerProfile>localStore(UpdateProfile.STORE, profileOwner.partition(),
                    unavailable).get(id);
            if (profile != null) {
                return profile.getMergedInto() == null ? new Lead.Live(profile) : new Lead.Next(profile.getMergedInto());
            }
        }
        if (linkOwner.isPresent() && linkOwner.get().local()) {
            return linked(id, stores.<String>localStore(LINKS_STORE, linkOwner.get().partition(), unavailable).get(id));
        }
        return new Lead.Unknown();
    }

    /** A forwarded query's answer to a lead: 307 to where the id leads, else empty (the caller answers the rest). */
    public static Optional<ResponseEntity<?>> redirect(Lead lead) {
        if (lead instanceof Lead.Next next) {
            return Optional.of(ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .header(HttpHeaders.LOCATION, path(next.customerId(), "profile")).build());
        }
        return Optional.empty();
    }

    /**
     * Follows links and merges from {@code id} to the live profile it leads to, asking the owners of other
     * instances' keys.
     *
     * @return empty when no instance knows the id
     * @throws StoreUnavailableException when an owner cannot answer now, or the chain is longer than a merge leaves it
     */
    public Optional<Resolved> resolve(String id, String unavailable) {
        String current = id;
        int merges = 0;
        // The id itself, the customer a reference is linked to, then at most MOST_HOPS merges.
        for (int step = 0; step < MOST_HOPS + 2 && merges <= MOST_HOPS; step++) {
            Step found = step(current, unavailable);
            if (found.resolved() != null) {
                return Optional.of(found.resolved());
            }
            if (found.next() == null || found.next().equals(current)) {
                return Optional.empty();
            }
            merges += found.merged() ? 1 : 0;
            current = found.next();
        }
        throw new StoreUnavailableException(unavailable, "the customer was merged more than " + MOST_HOPS
                + " times in a row and the merges are still being applied");
    }

    /** A live profile found, or where the id leads (merged: along mergedInto, else by a link), or nothing. */
    private record Step(Resolved resolved, String next, boolean merged) {
        static final Step NOTHING = new Step(null, null, false);

        static Step found(Resolved resolved) {
            return new Step(resolved, null, false);
        }

        static Step leads(String next, boolean merged) {
            return new Step(null, next, merged);
        }
    }

    private Step step(String id, String unavailable) {
        StoreQueries.Owner profileOwner = stores.owner(UpdateProfile.STORE, id, unavailable);
        if (profileOwner.local()) {
            CustomerProfile profile = stores.<CustomerProfile>localStore(UpdateProfile.STORE, profileOwner.partition(),
                    unavailable).get(id);
            if (profile != null) {
                return profile.getMergedInto() == null ? Step.found(new Resolved(id, profile, null))
                        : Step.leads(profile.getMergedInto(), true);
            }
        } else {
            Step asked = ask(profileOwner.host(), id, unavailable);
            if (asked != null) {
                return asked;
            }
        }
        Optional<StoreQueries.Owner> linkOwner = linkOwner(id, unavailable);
        if (linkOwner.isEmpty()) {
            return Step.NOTHING;
        }
        if (linkOwner.get().local()) {
            Lead lead = linked(id, stores.<String>localStore(LINKS_STORE, linkOwner.get().partition(), unavailable).get(id));
            return lead instanceof Lead.Next next ? Step.leads(next.customerId(), false) : Step.NOTHING;
        }
        if (!profileOwner.local() && linkOwner.get().host().equals(profileOwner.host())) {
            return Step.NOTHING; // that owner answered for the link too
        }
        Step asked = ask(linkOwner.get().host(), id, unavailable);
        return asked != null ? asked : Step.NOTHING;
    }

    /** Asks another instance's own stores; null when it knows nothing of the id. */
    private Step ask(HostInfo owner, String id, String unavailable) {
        URI uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host()).port(owner.port())
                .path(PROFILE_PATH).encode().buildAndExpand(id).toUri();
        ResponseEntity<String> answer = peers.ask(owner, uri, unavailable);
        int status = answer.getStatusCode().value();
        if (status == HttpStatus.NOT_FOUND.value()) {
            return null;
        }
        if (status == HttpStatus.TEMPORARY_REDIRECT.value()) {
            String location = answer.getHeaders().getFirst(HttpHeaders.LOCATION);
            Matcher m = location == null ? null : PROFILE_LOCATION.matcher(location);
            if (m == null || !m.matches()) {
                throw new StoreUnavailableException(unavailable, "another instance answered a redirect this instance"
                        + " does not understand");
            }
            // A redirect does not say whether it was a link or a merge; counted as a merge, the cautious reading.
            return Step.leads(UriUtils.decode(m.group(1), StandardCharsets.UTF_8), true);
        }
        if (status == HttpStatus.OK.value()) {
            return Step.found(new Resolved(customerIdOf(answer.getBody(), id), null, PeerInstances.passedOn(answer)));
        }
        throw new StoreUnavailableException(unavailable, "another instance holds part of the answer and answered "
                + status);
    }

    private String customerIdOf(String body, String asked) {
        try {
            JsonNode node = json.readTree(body).path("customerId");
            return node.isString() ? node.asString() : asked;
        } catch (RuntimeException e) {
            return asked;
        }
    }

    private Optional<StoreQueries.Owner> linkOwner(String id, String unavailable) {
        return stores.hasStore(LINKS_STORE) ? Optional.of(stores.owner(LINKS_STORE, id, unavailable)) : Optional.empty();
    }

    private static Lead linked(String id, String customerId) {
        return customerId == null || customerId.equals(id) ? new Lead.Unknown() : new Lead.Next(customerId);
    }
}
