package dev.iris.sender.escalation;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One immutable plan version, as the sender needs it.
 */
public record Plan(
        long id,
        String name,
        long creatorId,
        int stepCount,
        Integer thresholdWindow,
        Integer thresholdCount,
        Integer aggregationWindow,
        Integer aggregationReset,
        String trackingKey,
        String trackingType,
        String trackingTemplate,
        List<PlanNotification> notifications)
{
    public Plan
    {
        requireNonNull(name, "name is null");
        notifications = List.copyOf(notifications);
    }

    public List<PlanNotification> step(int step)
    {
        return notifications.stream().filter(notification -> notification.step() == step).toList();
    }

    public List<PlanNotification> throughStep(int step)
    {
        return notifications.stream().filter(notification -> notification.step() <= step).toList();
    }

    public Optional<PlanNotification> notification(long id)
    {
        return notifications.stream().filter(notification -> notification.id() == id).findFirst();
    }

    /**
     * Whether the plan aggregates messages (all four settings present and positive).
     */
    public boolean aggregates()
    {
        return positive(thresholdWindow) && positive(thresholdCount) && positive(aggregationWindow) && positive(aggregationReset);
    }

    public boolean tracks()
    {
        return trackingKey != null && !trackingKey.isBlank() && trackingType != null && !trackingType.isBlank()
                && trackingTemplate != null && !trackingTemplate.isBlank();
    }

    private static boolean positive(Integer value)
    {
        return value != null && value > 0;
    }
}
