package org.touchpointcrm.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.touchpointcrm.access.examples.LocalStackExamples;

/**
 * Refuses, at start, a service configured with any of the {@link LocalStackExamples}: whatever setting holds
 * one (a link secret, a gateway token, a key's SHA-256, a credential for another service) is named in the
 * refusal. Reads every {@code crm.*} setting as the service will bind it, so a secret added later is covered
 * without naming its setting here. The local stack alone sets {@link #SWITCH} to {@link #ALLOWED}.
 */
public final class ExampleSecretsGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    /** The explicit switch that allows the examples; nothing else does. */
    public static final String SWITCH = "crm.local-stack.example-secrets";
    public static final String ALLOWED = "allowed";
    /** Where our secrets live; other settings are not read. */
    private static final ConfigurationPropertyName CRM = ConfigurationPropertyName.of("crm");
    private static final String MINT = "openssl rand -hex 32";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Before any bean is made: a service with examples stops before it touches Kafka or opens a port. */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** @throws ExampleSecretRefusedException naming every setting that holds an example, unless the switch allows them */
    public static void check(Environment environment) {
        Binder binder = Binder.get(environment);
        if (ALLOWED.equals(binder.bind(SWITCH, String.class).orElse("").strip().toLowerCase(Locale.ROOT))) {
            return;
        }
        List<String> refusals = new ArrayList<>();
        for (ConfigurationPropertyName name : crmSettings(environment)) {
            binder.bind(name, Bindable.of(String.class))
                    .ifBound(value -> refusal(name.toString(), value.strip()).ifPresent(refusals::add));
        }
        if (!refusals.isEmpty()) {
            throw new ExampleSecretRefusedException(refusals);
        }
    }

    private static Optional<String> refusal(String setting, String value) {
        if (LocalStackExamples.SECRETS.contains(value)) {
            return Optional.of(setting + " is the local stack's example secret; set your own: " + MINT);
        }
        for (String key : LocalStackExamples.API_KEYS) {
            if (key.equals(value)) {
                return Optional.of(setting + " is the local stack's example API key; mint your own: " + MINT);
            }
            if (ApiKeys.sha256Hex(key).equalsIgnoreCase(value)) {
                return Optional.of(setting + " is the SHA-256 of the local stack's example API key; mint your own: "
                        + MINT + ", and configure printf %s KEY | sha256sum");
            }
        }
        return Optional.empty();
    }

    /** The names of every {@code crm.*} setting any property source holds, once each. */
    private static TreeSet<ConfigurationPropertyName> crmSettings(Environment environment) {
        var names = new TreeSet<ConfigurationPropertyName>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(CRM::isAncestorOf).forEach(names::add);
            }
        }
        return names;
    }
}
