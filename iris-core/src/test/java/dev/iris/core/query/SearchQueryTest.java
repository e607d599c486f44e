package dev.iris.core.query;

import dev.iris.common.http.IrisException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class SearchQueryTest
{
    private static final List<SearchColumn> COLUMNS = List.of(
            new SearchColumn("id", "t.id", ColumnType.INTEGER),
            new SearchColumn("name", "t.name", ColumnType.STRING),
            new SearchColumn("created", "t.created", ColumnType.TIMESTAMP));

    private static final List<SearchFilter> FILTERS = List.of(
            new SearchFilter("id", "t.id", FilterType.INTEGER),
            new SearchFilter("name", "t.name", FilterType.STRING),
            new SearchFilter("created", "t.created", FilterType.TIMESTAMP));

    private static SearchQuery query(Map<String, List<String>> parameters)
    {
        SearchQuery query = new SearchQuery("things t", COLUMNS);
        query.addFilters(parameters, FILTERS);
        return query;
    }

    @Test
    void everyOperatorBindsItsValue()
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("name", List.of("x' OR '1'='1"));
        parameters.put("name__ne", List.of("a"));
        parameters.put("name__contains", List.of("50%"));
        parameters.put("name__startswith", List.of("b"));
        parameters.put("name__endswith", List.of("c"));
        parameters.put("id__gt", List.of("1"));
        parameters.put("id__ge", List.of("2"));
        parameters.put("id__lt", List.of("3"));
        parameters.put("id__le", List.of("4"));
        parameters.put("id__in", List.of("5,6"));
        parameters.put("created__gt", List.of("1700000000"));
        SearchQuery query = query(parameters);
        String sql = query.sql();
        assertThat(sql).doesNotContain("OR '1'").doesNotContain("50%").doesNotContain("1700000000");
        assertThat(sql).contains("t.name = :p0", "t.name != :p1", "t.name LIKE CONCAT('%', :p2, '%')", "t.name LIKE CONCAT(:p3, '%')",
                "t.name LIKE CONCAT('%', :p4)", "t.id > :p5", "t.id >= :p6", "t.id < :p7", "t.id <= :p8", "t.id IN (:p9, :p10)",
                "t.created > FROM_UNIXTIME(:p11)");
        assertThat(sql).startsWith("SELECT t.id AS `id`, t.name AS `name`, CAST(FLOOR(UNIX_TIMESTAMP(t.created)) AS SIGNED) AS `created` FROM things t WHERE ");
        assertThat(query.conditionCount()).isEqualTo(11);
    }

    @Test
    void commaSeparatedValuesAreSplitAndSingleInIsEquality()
    {
        assertThat(query(Map.of("id__in", List.of("7"))).sql()).contains("t.id = :p0");
        SearchQuery query = query(Map.of("name", List.of("a,b")));
        assertThat(query.conditionCount()).isEqualTo(2);
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownOperatorsRejected()
    {
        assertThat(query(Map.of("bogus", List.of("1"), "bogus__gt", List.of("2"))).conditionCount()).isZero();
        assertThatThrownBy(() -> query(Map.of("name__near", List.of("x"))))
                .isInstanceOf(IrisException.class)
                .hasMessage("Invalid filter: Unknown operator 'near' for name");
    }

    @Test
    void integerFieldsRejectText()
    {
        assertThatThrownBy(() -> query(Map.of("id", List.of("job"))))
                .isInstanceOf(IrisException.class)
                .hasMessage("invalid argument type: id should be <class 'int'>");
        assertThatThrownBy(() -> query(Map.of("created__lt", List.of("yesterday")))).isInstanceOf(IrisException.class);
    }

    @Test
    void integerValuesMayHaveSpacesAroundThem()
    {
        assertThat(query(Map.of("id__in", List.of("1, 2,3"))).sql()).contains("t.id IN (:p0, :p1, :p2)");
        assertThat(query(Map.of("id__gt", List.of(" 7"))).sql()).contains("t.id > :p0");
    }

    @Test
    void fieldsSelectKnownColumnsOrAll()
    {
        assertThat(SearchQuery.select(COLUMNS, List.of("name", "bogus"))).extracting(SearchColumn::name).containsExactly("name");
        assertThat(SearchQuery.select(COLUMNS, List.of("bogus"))).isEqualTo(COLUMNS);
        assertThat(SearchQuery.select(COLUMNS, List.of())).isEqualTo(COLUMNS);
    }

    @Test
    void columnsArePickedByNameAndFiltersFollowTheirColumns()
    {
        assertThat(SearchColumn.pick(COLUMNS, "created", "id")).extracting(SearchColumn::name).containsExactly("created", "id");
        assertThatThrownBy(() -> SearchColumn.pick(COLUMNS, "bogus")).isInstanceOf(NullPointerException.class);
        List<SearchColumn> columns = List.of(
                new SearchColumn("flag", "t.flag", ColumnType.FLAG),
                new SearchColumn("context", "t.context", ColumnType.JSON));
        assertThat(SearchFilter.onColumns(columns, "flag", "context")).containsExactly(
                new SearchFilter("flag", "t.flag", FilterType.INTEGER),
                new SearchFilter("context", "t.context", FilterType.STRING));
        assertThat(SearchFilter.onColumns(COLUMNS, "id", "name", "created")).isEqualTo(FILTERS);
    }

    @Test
    void limitNewestFirstOrStableOrder()
    {
        SearchQuery limited = query(Map.of());
        limited.limitNewestFirst(Optional.of(3), "t.created DESC", "t.id");
        assertThat(limited.sql()).endsWith("ORDER BY t.created DESC LIMIT 3");
        SearchQuery all = query(Map.of());
        all.limitNewestFirst(Optional.empty(), "t.created DESC", "t.id");
        assertThat(all.sql()).endsWith("ORDER BY t.id");
        SearchQuery active = query(Map.of());
        active.wherePresent("t.active_id", false);
        assertThat(active.sql()).contains("WHERE (t.active_id IS NULL)");
    }

    @Test
    void orderAndLimit()
    {
        SearchQuery query = query(Map.of());
        query.orderAndLimit("t.created DESC", 5);
        assertThat(query.sql()).endsWith("FROM things t ORDER BY t.created DESC LIMIT 5");
    }

    @Test
    void parametersTakeSpecialValues()
    {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        raw.put("limit", List.of("10"));
        raw.put("fields", List.of("id,name", "created"));
        raw.put("active", List.of("true"));
        raw.put("target__contains", List.of("x"));
        raw.put("name", List.of("n"));
        SearchParameters parameters = SearchParameters.of(raw);
        assertThat(parameters.takeLimit()).contains(10);
        assertThat(parameters.takeList("fields")).containsExactly("id", "name", "created");
        assertThat(parameters.takeFlag("active")).contains(true);
        assertThat(parameters.takeField("target")).containsOnlyKeys("target__contains");
        assertThat(parameters.remaining()).containsOnlyKeys("name");
        assertThatThrownBy(() -> SearchParameters.of(Map.of("limit", List.of("-1"))).takeLimit()).isInstanceOf(IrisException.class);
        assertThatThrownBy(() -> SearchParameters.of(Map.of("active", List.of("perhaps"))).takeFlag("active")).isInstanceOf(IrisException.class);
    }
}
