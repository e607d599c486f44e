package dev.iris.core.schedule;

import java.time.Instant;

/**
 * One person's uninterrupted time on call for a role, within a window.
 *
 * @param startsInWindow false when the shift began before the window (its real start is earlier)
 * @param endsInWindow false when the shift goes on after the window
 */
public record Shift(ScheduleRole role, String user, Instant start, Instant end, boolean startsInWindow, boolean endsInWindow) {}
