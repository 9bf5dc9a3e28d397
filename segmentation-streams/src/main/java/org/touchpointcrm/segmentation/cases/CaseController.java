package org.touchpointcrm.segmentation.cases;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.avro.CaseAction;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.QueryParameters;
import org.touchpointcrm.segmentation.query.StoreQueries;

/**
 * The staff API of cases (docs/cases.md, Staff API): list a store's cases by status and topic, read one, change its
 * status with a reply for the customers, name its topic, group cases. A change is checked against the case as it is
 * now (404, 409), then written to crm.case-commands and answered 202; the task that owns the store applies it in
 * order and records it on crm.case-events (a change that lost a race is recorded there as REFUSED).
 */
@RestController
public class CaseController {

    private final CaseQueries cases;
    private final PeerInstances peers;
    private final CaseCommandWriter writer;
    private final Clock clock;

    public CaseController(CaseQueries cases, PeerInstances peers, CaseCommandWriter writer, Clock clock) {
        this.cases = cases;
        this.peers = peers;
        this.writer = writer;
        this.clock = clock;
    }

    @GetMapping("/v1/cases")
    public ResponseEntity<?> list(@RequestParam(required = false) String store,
                                  @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String topic,
                                  @RequestParam(required = false) String limit,
                                  @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        String storeKey = CaseRequests.store(store);
        CaseStatus only = CaseRequests.status("status", status, false);
        String topicName = CaseRequests.topic(topic, false);
        int most = QueryParameters.limit(limit, CaseRequests.DEFAULT_LIMIT, CaseRequests.MOST_LIMIT);
        StoreQueries.Owner owner = cases.owner(storeKey);
        if (!owner.local()) {
            var uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host().host()).port(owner.host().port())
                    .path("/v1/cases").queryParam("store", storeKey).queryParam("limit", most);
            if (only != null) {
                uri.queryParam("status", only.name());
            }
            if (topicName != null) {
                uri.queryParam("topic", topicName);
            }
            return peers.relay(owner.host(), uri.encode().build().toUri(), forwarded, CaseQueries.UNAVAILABLE);
        }
        return ResponseEntity.ok(cases.list(owner, storeKey, only,
                topicName == null ? null : CaseText.matchKey(topicName), most));
    }

    @GetMapping("/v1/cases/{caseId}")
    public ResponseEntity<CaseView> one(@PathVariable String caseId,
                                        @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        return ResponseEntity.ok(current(CaseRequests.caseId(caseId), forwarded));
    }

    @PostMapping("/v1/cases/{caseId}/status")
    public ResponseEntity<Map<String, Object>> status(@PathVariable String caseId,
                                                      @RequestBody CaseRequests.StatusRequest request,
                                                      @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        CaseRequests.caseId(caseId);
        CaseStatus to = CaseRequests.status("status", request.status(), true);
        String reply = CaseRequests.reply(request.reply());
        CaseView now = current(caseId, false);
        open(now);
        CaseLifecycle.refusal(now.status(), to, reply != null).ifPresent(why -> {
            throw CaseRequestException.conflict("status", why);
        });
        return accepted(command(now, CaseAction.SET_STATUS, client).setStatus(to).setReply(reply).build());
    }

    @PutMapping("/v1/cases/{caseId}/topic")
    public ResponseEntity<Map<String, Object>> topic(@PathVariable String caseId,
                                                     @RequestBody CaseRequests.TopicRequest request,
                                                     @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        CaseRequests.caseId(caseId);
        String topic = CaseRequests.topic(request.topic(), true);
        CaseView now = current(caseId, false);
        open(now);
        return accepted(command(now, CaseAction.SET_TOPIC, client).setTopic(topic).build());
    }

    @PostMapping("/v1/cases/{caseId}/group")
    public ResponseEntity<Map<String, Object>> group(@PathVariable String caseId,
                                                     @RequestBody CaseRequests.GroupRequest request,
                                                     @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        CaseRequests.caseId(caseId);
        List<String> others = CaseRequests.others(request.others());
        String topic = CaseRequests.topic(request.topic(), false);
        CaseView target = current(caseId, false);
        open(target);
        if (!CaseLifecycle.isOpen(target.status())) {
            throw CaseRequestException.conflict("caseId", "the case is " + target.status() + "; group into an open case");
        }
        var checked = new ArrayList<String>();
        for (String otherId : others) {
            if (otherId.equals(caseId) || !CaseKeys.storeKeyOf(otherId).equals(CaseKeys.storeKeyOf(caseId))) {
                throw CaseRequestException.invalid("others", otherId + " is " + (otherId.equals(caseId)
                        ? "the case itself" : "a case of another store") + "; group cases of one store into another");
            }
            CaseView other = cases.find(otherId, false).orElseThrow(() -> CaseRequestException.unknown(otherId));
            if (other.groupedInto() != null || !CaseLifecycle.isOpen(other.status())) {
                throw CaseRequestException.conflict("others", "case " + otherId + " is " + (other.groupedInto() != null
                        ? "grouped into " + other.groupedInto() : other.status()) + " and cannot be grouped");
            }
            checked.add(otherId);
        }
        return accepted(command(target, CaseAction.GROUP, client).setOthers(checked).setTopic(topic).build());
    }

    private CaseView current(String caseId, boolean forwarded) {
        return cases.find(caseId, forwarded).orElseThrow(() -> CaseRequestException.unknown(caseId));
    }

    private static void open(CaseView c) {
        if (c.groupedInto() != null) {
            throw CaseRequestException.conflict("caseId", "the case was grouped into " + c.groupedInto()
                    + "; act on that case");
        }
    }

    private CaseCommand.Builder command(CaseView c, CaseAction action, ApiClient client) {
        return CaseCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setStoreKey(c.storeKey())
                .setCaseId(c.caseId()).setAction(action).setBy(client.name()).setRequestedAt(clock.instant());
    }

    private ResponseEntity<Map<String, Object>> accepted(CaseCommand command) {
        writer.write(command);
        return ResponseEntity.accepted().location(URI.create("/v1/cases/" + command.getCaseId()))
                .body(Map.of("commandId", command.getCommandId(), "caseId", command.getCaseId(),
                        "action", command.getAction().name(),
                        "detail", "accepted; the change shows on the case and on crm.case-events within a second"));
    }
}
