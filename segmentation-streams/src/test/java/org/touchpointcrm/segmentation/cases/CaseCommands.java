package org.touchpointcrm.segmentation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.touchpointcrm.avro.CaseAction;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseStatus;

/** Staff commands as /v1/cases writes them, for tests. */
final class CaseCommands {

    static final String STAFF = "store-staff";

    private CaseCommands() {
    }

    static CaseCommand status(String caseId, CaseStatus status, String reply, Instant at) {
        return staff(caseId, CaseAction.SET_STATUS, at).setStatus(status).setReply(reply).build();
    }

    static CaseCommand group(String caseId, List<String> others, String topic, Instant at) {
        return staff(caseId, CaseAction.GROUP, at).setOthers(others).setTopic(topic).build();
    }

    static CaseCommand topic(String caseId, String topic, Instant at) {
        return staff(caseId, CaseAction.SET_TOPIC, at).setTopic(topic).build();
    }

    private static CaseCommand.Builder staff(String caseId, CaseAction action, Instant at) {
        return CaseCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setStoreKey(CaseKeys.storeKeyOf(caseId).orElseThrow()).setCaseId(caseId).setAction(action)
                .setBy(STAFF).setRequestedAt(at);
    }
}
