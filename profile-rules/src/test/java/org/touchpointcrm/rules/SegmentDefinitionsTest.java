package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentDefinitionsTest {

    private static List<SegmentSpec> read(String yaml) {
        return SegmentDefinitions.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    @Test
    void readsSegmentsInFileOrder() {
        List<SegmentSpec> specs = read("""
                segments:
                  - id: loyal
                    version: 2
                    name: Loyal customers
                    description: Bought recently and often.
                    rule: profile.rfm.frequency >= 4
                  - id: region-lappi
                    version: 1
                    name: Region Lappi
                    description: Lives in Lappi.
                    rule: inRegion("Lappi")
                """);
        assertThat(specs).containsExactly(
                new SegmentSpec("loyal", 2, "Loyal customers", "Bought recently and often.", "profile.rfm.frequency >= 4"),
                new SegmentSpec("region-lappi", 1, "Region Lappi", "Lives in Lappi.", "inRegion(\"Lappi\")"));
    }

    @Test
    void aMissingFieldNamesTheFileTheSegmentAndTheField() {
        assertThatThrownBy(() -> read("""
                segments:
                  - id: loyal
                    version: 1
                    name: Loyal
                    description: Loyal.
                """))
                .isInstanceOf(SegmentDefinitionException.class)
                .hasMessage("test.yml, segment 'loyal': 'rule' is missing or not text");
    }

    @Test
    void aSegmentWithoutIdIsNamedByItsPosition() {
        assertThatThrownBy(() -> read("""
                segments:
                  - id: a
                    version: 1
                    name: A
                    description: A.
                    rule: "true"
                  - version: 1
                    name: B
                """))
                .hasMessage("test.yml, segment #2: 'id' is missing or not text");
    }

    @Test
    void badIdsVersionsKeysAndDuplicatesAreRefused() {
        String template = """
                segments:
                  - id: %s
                    version: %s
                    name: X
                    description: X.
                    rule: "true"%s
                """;
        assertThatThrownBy(() -> read(template.formatted("Loyal_Customers", "1", "")))
                .hasMessageContaining("segment 'Loyal_Customers': the id must be kebab-case");
        assertThatThrownBy(() -> read(template.formatted("loyal", "0", "")))
                .hasMessageContaining("segment 'loyal': 'version' must be a whole number from 1 up");
        assertThatThrownBy(() -> read(template.formatted("loyal", "one", "")))
                .hasMessageContaining("'version' must be a whole number");
        assertThatThrownBy(() -> read(template.formatted("loyal", "1", "\n    rules: typo")))
                .hasMessageContaining("segment 'loyal': unknown key 'rules'");
        String twice = template.formatted("loyal", "1", "") + template.formatted("loyal", "1", "").replace("segments:\n", "");
        assertThatThrownBy(() -> read(twice)).hasMessage("test.yml, segment 'loyal': the id is used twice");
    }

    @Test
    void notYamlOrTheWrongShapeIsRefusedWithTheFileName() {
        assertThatThrownBy(() -> read("segments: [unclosed")).hasMessageStartingWith("test.yml: not valid YAML");
        assertThatThrownBy(() -> read("- id: loyal")).hasMessage("test.yml: expected a top-level 'segments:' list");
        assertThatThrownBy(() -> read("segments:\n  - !!java.lang.Object {}"))
                .isInstanceOf(SegmentDefinitionException.class)
                .hasMessageStartingWith("test.yml: not valid YAML");
    }
}
