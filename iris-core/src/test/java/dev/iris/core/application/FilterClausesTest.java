package dev.iris.core.application;

import dev.iris.core.http.IrisException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class FilterClausesTest
{
    private static final Map<String, FilterClauses.Column> COLUMNS = Map.of(
            "id", new FilterClauses.Column("t.id", FilterClauses.ValueType.INTEGER),
            "name", new FilterClauses.Column("t.name", FilterClauses.ValueType.TEXT),
            "created", new FilterClauses.Column("t.created", FilterClauses.ValueType.TIMESTAMP));

    @Test
    void operatorsBecomeConditionsWithBoundValues()
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("name__startswith", List.of("web'; DROP TABLE x; --"));
        parameters.put("id__gt", List.of(" 7"));
        parameters.put("created__le", List.of("1700000000"));
        parameters.put("name", List.of("a"));
        FilterClauses filters = FilterClauses.of(COLUMNS, parameters);
        assertThat(filters.conditions()).containsExactly(
                "t.name LIKE CONCAT(?, '%')",
                "t.id > ?",
                "t.created <= FROM_UNIXTIME(?)",
                "t.name = ?");
        assertThat(filters.values()).containsExactly("web'; DROP TABLE x; --", 7L, 1700000000L, "a");
    }

    @Test
    void commaSeparatedValuesAreSplit()
    {
        FilterClauses in = FilterClauses.of(COLUMNS, Map.of("id__in", List.of("1, 2,3")));
        assertThat(in.conditions()).containsExactly("t.id IN (?, ?, ?)");
        assertThat(in.values()).containsExactly(1L, 2L, 3L);

        // Other operators get one condition per value, all required (Iris's AND).
        FilterClauses contains = FilterClauses.of(COLUMNS, Map.of("name__contains", List.of("a,b")));
        assertThat(contains.conditions()).containsExactly("t.name LIKE CONCAT('%', ?, '%')", "t.name LIKE CONCAT('%', ?, '%')");
        assertThat(contains.values()).containsExactly("a", "b");
    }

    @Test
    void unknownFieldsAreIgnored()
    {
        assertThat(FilterClauses.of(COLUMNS, Map.of("color", List.of("red"), "limit", List.of("3"))).isEmpty()).isTrue();
    }

    @Test
    void badIntegersAndOperatorsAre400()
    {
        assertThatThrownBy(() -> FilterClauses.of(COLUMNS, Map.of("id", List.of("seven"))))
                .isInstanceOfSatisfying(IrisException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.title()).isEqualTo("invalid argument type");
                    assertThat(e.description()).isEqualTo("id should be an integer");
                });
        assertThatThrownBy(() -> FilterClauses.of(COLUMNS, Map.of("name__like", List.of("x"))))
                .isInstanceOfSatisfying(IrisException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
