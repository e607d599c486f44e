package dev.iris.core.team;

import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Where a team's countdown notifications go: one chat channel per mode, a Mattermost channel
 * ({@code ~name}) or a Telegram group chat (its negative chat id). Only modes whose claim
 * callbacks say who pressed "Claim" can hold a channel: a claim there must claim as that person.
 */
public final class TeamChannels
{
    /** The chat modes a team channel may use, in the order the sender picks one. */
    public static final List<String> MODES = List.of("mattermost", "telegram");

    private static final Map<String, Pattern> FORMATS = Map.of(
            "mattermost", Pattern.compile("~[a-z0-9][a-z0-9_-]{0,63}"),
            "telegram", Pattern.compile("-?[0-9]{1,20}"));
    private static final Map<String, String> EXAMPLES = Map.of(
            "mattermost", "a channel name after '~', such as ~db-oncall",
            "telegram", "a group chat id, such as -1001234567890");

    private final Jdbi jdbi;

    /**
     * The channel countdowns use among a team's channels: the first of {@link #MODES}'s order.
     */
    public static <T> Optional<T> preferred(Collection<T> channels, Function<T, String> mode)
    {
        return channels.stream().filter(channel -> MODES.contains(mode.apply(channel)))
                .min(Comparator.comparingInt(channel -> MODES.indexOf(mode.apply(channel))));
    }

    @Inject
    public TeamChannels(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * The team's channels, mode to destination.
     *
     * @throws IrisException 404 when there is no such active team
     */
    public Map<String, String> channels(String team)
    {
        return jdbi.withHandle(handle -> {
            TeamChannelDao dao = handle.attach(TeamChannelDao.class);
            long teamId = dao.teamTargetId(team).orElseThrow(() -> notFound(team));
            Map<String, String> channels = new LinkedHashMap<>();
            dao.channels(teamId, MODES).forEach(channel -> channels.put(channel.mode(), channel.destination()));
            return channels;
        });
    }

    /**
     * Replaces the team's channels with {@code channels} (mode to destination; an empty map
     * removes them all).
     *
     * @throws IrisException 400 for a mode that cannot hold a channel or a destination it cannot
     *         take, 404 for an unknown team
     */
    public void replace(String team, Map<String, String> channels)
    {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : channels.entrySet()) {
            String mode = entry.getKey();
            if (!MODES.contains(mode)) {
                throw IrisException.badRequest("Invalid channel", "Mode " + mode + " cannot hold a team channel; use one of " + String.join(", ", MODES));
            }
            String destination = entry.getValue() == null ? "" : entry.getValue().strip();
            if (destination.isEmpty()) {
                continue;
            }
            if (!FORMATS.get(mode).matcher(destination).matches()) {
                throw IrisException.badRequest("Invalid channel", "The " + mode + " channel must be " + EXAMPLES.get(mode));
            }
            checked.put(mode, destination);
        }
        jdbi.useTransaction(handle -> {
            TeamChannelDao dao = handle.attach(TeamChannelDao.class);
            long teamId = dao.teamTargetId(team).orElseThrow(() -> notFound(team));
            dao.deleteChannels(teamId, MODES);
            checked.forEach((mode, destination) -> dao.insertChannel(teamId, mode, destination));
        });
    }

    private static IrisException notFound(String team)
    {
        return IrisException.notFound("Not Found", "No team named " + team);
    }
}
