package dev.iris.sender.escalation;

/**
 * One notification of a plan step. {@code roleName}/{@code targetName} are null in a dynamic
 * step, which reads its role and target from the incident's {@code dynamic_plan_map} at
 * {@code dynamicIndex}. A {@code countdown} notification (role team) posts one message to the
 * team's chat channel instead of paging its members (see {@link Countdown}).
 */
public record PlanNotification(
        long id,
        int step,
        String template,
        String targetName,
        String roleName,
        int priorityId,
        int repeat,
        int waitSeconds,
        boolean optional,
        Integer dynamicIndex,
        boolean countdown)
{
    public boolean isDynamic()
    {
        return roleName == null || targetName == null;
    }
}
