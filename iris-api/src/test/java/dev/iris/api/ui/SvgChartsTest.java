package dev.iris.api.ui;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class SvgChartsTest
{
    @Test
    void drawsOneBarPerValueScaledToTheLargest()
    {
        String svg = SvgCharts.bars("Incidents", List.of(new SvgCharts.Bar("a", 5), new SvgCharts.Bar("b", 10)), "");
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("<rect", -1)).hasSize(3);
        // 10 fills the 164-pixel plot exactly; 5 fills half of it.
        assertThat(svg).contains("height=\"164.0\"").contains("height=\"82.0\"");
    }

    @Test
    void escapesLabels()
    {
        String svg = SvgCharts.bars("<t>", List.of(new SvgCharts.Bar("<script>", 1)), "");
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;").contains("&lt;t&gt;");
    }

    @Test
    void saysSoWhenThereIsNoData()
    {
        assertThat(SvgCharts.bars("Nothing", List.of(), "")).contains("No data").doesNotContain("<rect");
    }

    @Test
    void fillsDaysWithoutDataWithZero()
    {
        LocalDate first = LocalDate.parse("2026-11-01");
        List<SvgCharts.Bar> bars = StatsResource.perDay(List.of(new StatsDao.DayCount(LocalDate.parse("2026-11-02"), 7)), first, LocalDate.parse("2026-11-03"));
        assertThat(bars).containsExactly(new SvgCharts.Bar("11-01", 0), new SvgCharts.Bar("11-02", 7), new SvgCharts.Bar("11-03", 0));
    }
}
