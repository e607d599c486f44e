package dev.iris.common.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class PlanDurationsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void secondsReadAsPeopleWriteThemAndBack()
    {
        for (long seconds : new long[] {1, 45, 60, 90, 300, 3_600, 5_400, 86_400, 90_061}) {
            String text = PlanDurations.text(seconds);
            assertThat(PlanDurations.parse(text)).as(text).contains(seconds);
        }
        assertThat(PlanDurations.text(300)).isEqualTo("5m");
        assertThat(PlanDurations.text(5_400)).isEqualTo("1h30m");
        assertThat(PlanDurations.text(90_061)).isEqualTo("1d1h1m1s");
    }

    @Test
    void aPlanExportsReadableDurationsThatImportAsTheSameSeconds()
            throws Exception
    {
        ObjectNode plan = (ObjectNode) JSON.readTree("""
                {"name": "p", "threshold_window": 900, "aggregation_window": 0,
                 "steps": [[{"role": "user", "target": "a", "wait": 300, "repeat": 1}]]}""");
        ObjectNode original = plan.deepCopy();

        PlanDurations.toText(plan);

        assertThat(plan.get("threshold_window").asText()).isEqualTo("15m");
        assertThat(plan.get("aggregation_window").asInt()).as("zero stays a number").isZero();
        assertThat(plan.path("steps").path(0).path(0).get("wait").asText()).isEqualTo("5m");
        assertThat(plan.path("steps").path(0).path(0).get("repeat").asInt()).as("not a duration").isEqualTo(1);
        assertThat(PlanDurations.toSeconds(plan).toString()).isEqualTo(original.toString());
    }
}
