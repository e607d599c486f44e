package dev.iris.core.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the public sees of a component, in Statuspage's words, from best to worst.
 */
public enum ComponentState
{
    OPERATIONAL("operational", "Operational"),
    DEGRADED_PERFORMANCE("degraded_performance", "Degraded performance"),
    PARTIAL_OUTAGE("partial_outage", "Partial outage"),
    MAJOR_OUTAGE("major_outage", "Major outage");

    private static final Set<String> MAJOR = Set.of("critical", "crit", "urgent", "emergency", "fatal", "page", "p1", "sev1", "disaster");
    private static final Set<String> PARTIAL = Set.of("high", "error", "major", "p2", "sev2");

    private final String code;
    private final String label;

    ComponentState(String code, String label)
    {
        this.code = code;
        this.label = label;
    }

    /** Statuspage's name: {@code operational}, {@code degraded_performance}, ... */
    public String code()
    {
        return code;
    }

    /** For people: "Partial outage". */
    public String label()
    {
        return label;
    }

    public boolean worseThan(ComponentState other)
    {
        return ordinal() > other.ordinal();
    }

    public static ComponentState worst(ComponentState a, ComponentState b)
    {
        return a.worseThan(b) ? a : b;
    }

    public static Optional<ComponentState> parse(String code)
    {
        return Arrays.stream(values()).filter(state -> state.code.equals(code)).findFirst();
    }

    /**
     * The impact of an alert by its severity label (Alertmanager, Grafana, most monitoring):
     * critical-like words are a major outage, error-like ones a partial outage, anything else
     * (warning, info, unknown words) degraded performance.
     */
    public static ComponentState ofSeverity(String severity)
    {
        String word = severity.strip().toLowerCase(Locale.ROOT);
        if (MAJOR.contains(word)) {
            return MAJOR_OUTAGE;
        }
        if (PARTIAL.contains(word)) {
            return PARTIAL_OUTAGE;
        }
        return DEGRADED_PERFORMANCE;
    }

    /**
     * The impact of an incident by the most urgent priority its plan pages with: urgent is a
     * major outage, high a partial outage, medium and low degraded performance.
     */
    public static ComponentState ofPriority(String priority)
    {
        return switch (priority.toLowerCase(Locale.ROOT)) {
            case "urgent" -> MAJOR_OUTAGE;
            case "high" -> PARTIAL_OUTAGE;
            default -> DEGRADED_PERFORMANCE;
        };
    }
}
