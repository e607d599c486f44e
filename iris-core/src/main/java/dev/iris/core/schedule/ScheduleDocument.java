package dev.iris.core.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A team's schedule as code: what {@code ./iris schedule export} writes and {@code apply} reads
 * (YAML), and the body of {@code GET|PUT /v0/schedules/{team}}. Overrides and swaps are
 * day-to-day changes with their own endpoints, not part of the document.
 *
 * <pre>
 * team: demo-team
 * notice_lead_minutes: 60
 * rotations:
 *   - name: weekly
 *     role: primary
 *     time_zone: Europe/Berlin
 *     start: 2024-01-01T09:00      # the first handoff, local time
 *     shift: 1w                    # 12h, 1d, 2w, or a pattern: 8h,8h,8h
 *     restriction: none            # business-hours, after-hours
 *     members: [alice, bob]
 * </pre>
 */
@JsonPropertyOrder({"team", "notice_lead_minutes", "rotations"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleDocument(
        @JsonProperty("team") String team,
        @JsonProperty("notice_lead_minutes") Integer noticeLeadMinutes,
        @JsonProperty("rotations") List<RotationSpec> rotations)
{
    @JsonPropertyOrder({"name", "role", "time_zone", "start", "shift", "restriction", "members"})
    public record RotationSpec(
            @JsonProperty("name") String name,
            @JsonProperty("role") String role,
            @JsonProperty("time_zone") String timeZone,
            @JsonProperty("start") String start,
            @JsonProperty("shift") String shift,
            @JsonProperty("restriction") String restriction,
            @JsonProperty("members") List<String> members) {}
}
