package org.touchpointcrm.notifier.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** notifier.yml's decision settings bind as Spring Boot binds them, to the defaults the issue names. */
class DecisionPropertiesTest {

    @Test
    void theShippedDefaultsAreThreePerSevenDaysAndQuietFromNineToEightInHelsinki() throws IOException {
        DecisionProperties properties = bind(new StandardEnvironment());

        assertThat(properties.globalCap().maxMessages()).isEqualTo(3);
        assertThat(properties.globalCap().period()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.quietHours().quietHours()).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        assertThat(properties.defaultTimeZone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
        assertThat(properties.scheduleScanInterval()).isPositive();
    }

    @Test
    void aQuietHourThatIsNoTimeIsRefusedNamingTheSetting() {
        var environment = new StandardEnvironment();
        environment.getSystemProperties().put("crm.notifier.decisions.quiet-hours.start", "9pm");

        assertThatThrownBy(() -> bind(environment)).isInstanceOf(BindException.class)
                .cause().cause().hasMessageContaining("crm.notifier.decisions.quiet-hours.start is '9pm'");
    }

    private static DecisionProperties bind(StandardEnvironment environment) throws IOException {
        new YamlPropertySourceLoader().load("notifier.yml", new ClassPathResource("notifier.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("crm.notifier.decisions", DecisionProperties.class).get();
    }
}
