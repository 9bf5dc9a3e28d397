package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.localstack.StackClient.JSON;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A marketer defines a campaign over REST on the running local stack (real broker, real registry, the
 * three services): notifier-service answers once it has read the campaign back from crm.campaigns, and
 * shows it with its version as the ETag.
 */
class CampaignsEndToEndTest {

    private static final String WELCOME = """
            {"id": "welcome-e2e", "name": "Welcome to new customers",
             "trigger": {"segmentId": "new", "change": "ENTERED", "delay": "P3D"},
             "channels": ["EMAIL", "SMS"], "consentPurpose": "marketing", "defaultLanguage": "fi",
             "templates": [
               {"channel": "EMAIL", "language": "fi", "subject": "Tervetuloa, {{profile.master.firstName}}!",
                "htmlBody": "<p>Hei {{profile.master.firstName}}!</p>", "textBody": "Hei {{profile.master.firstName}}!"},
               {"channel": "SMS", "language": "fi", "textBody": "Tervetuloa asiakkaaksi!"}],
             "frequencyCap": {"maxMessages": 1, "period": "P30D"}, "holdoutPercent": 10}""";

    private static StackClient client;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("campaigns-test-data", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aCampaignPostedWithTheMarketersKeyIsReadBackWithItsETag() throws Exception {
        var created = client.campaigns("POST", "/v1/campaigns", WELCOME);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(created.headers().firstValue("Location")).contains("/v1/campaigns/welcome-e2e");

        var read = client.campaigns("GET", "/v1/campaigns/welcome-e2e", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode campaign = JSON.readTree(read.body());
        assertThat(campaign.get("owner").asString()).isEqualTo("marketer");
        assertThat(campaign.get("status").asString()).isEqualTo("DRAFT");
        assertThat(campaign.get("templates").get(0).get("subject").asString()).contains("{{profile.master.firstName}}");
        assertThat(client.management(client.stack().notifierManagementUrl(), "/actuator/openapi").body())
                .contains("/v1/campaigns/{id}", "/v1/campaigns:render");
        assertThat(client.campaigns("GET", "/v3/api-docs", null).statusCode()).as("nothing of it on the public port")
                .isEqualTo(404);
    }
}
