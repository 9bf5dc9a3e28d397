package org.touchpointcrm.notifier.campaigns;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.platform.privacy.PersonalData;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileFacts;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;

/**
 * Whether a profile is in a campaign's audience. Each campaign version's rule is compiled once, with the
 * compiler the API checked it with (a stored campaign's rule compiled when it was written), and shared by
 * the stream threads.
 */
public final class AudienceRules {

    private static final Logger log = LoggerFactory.getLogger(AudienceRules.class);

    private record Compiled(long version, CompiledRule rule) {
    }

    private final ProfileRuleCompiler compiler;
    private final Map<String, Compiled> byCampaign = new ConcurrentHashMap<>();

    public AudienceRules(ProfileRuleCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * True without a rule. A rule that fails for this profile (e.g. reads an unset field without has())
     * answers false, as a segment rule does: nobody is messaged on a question the rule cannot answer.
     */
    public boolean includes(CampaignDefinition campaign, CustomerProfile profile, Instant now) {
        if (campaign.getAudience() == null || campaign.getAudience().isBlank()) {
            return true;
        }
        CompiledRule rule = rule(campaign);
        if (rule == null) {
            return false;
        }
        ProfileFacts facts = compiler.facts(profile, now);
        boolean matches = rule.matches(facts);
        if (!facts.errors().isEmpty()) {
            log.warn("Audience rule of campaign '{}' v{} failed for the customer of profile version {}, taken as not in the"
                    + " audience: {}", campaign.getId(), campaign.getVersion(), profile.getVersion(),
                    PersonalData.redact(String.valueOf(facts.errors())));
        }
        return matches;
    }

    /** Null when the rule does not compile: nobody is in the audience of a rule that cannot be asked. */
    private CompiledRule rule(CampaignDefinition campaign) {
        Compiled known = byCampaign.get(campaign.getId());
        if (known != null && known.version() == campaign.getVersion()) {
            return known.rule();
        }
        CompiledRule rule;
        try {
            rule = compiler.compile(campaign.getAudience());
        } catch (RuleCompileException e) {
            // The API refuses a rule that does not compile; a newer release's compiler might still refuse an old one.
            log.error("The audience rule of campaign '{}' v{} does not compile, so nobody is in its audience: {};"
                    + " change it with PUT /v1/campaigns/{}", campaign.getId(), campaign.getVersion(), e.getMessage(),
                    campaign.getId());
            rule = null;
        }
        byCampaign.put(campaign.getId(), new Compiled(campaign.getVersion(), rule));
        return rule;
    }
}
