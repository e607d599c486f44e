package dev.iris.sender.dispatch;

import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Mode names by id and ids by name. The mode table only grows, so an unknown id or name is
 * looked up again rather than cached as missing.
 */
public final class ModeCatalog
{
    private final Jdbi jdbi;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public ModeCatalog(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public String name(int modeId)
    {
        String name = names.get(modeId);
        if (name == null) {
            reload();
            name = names.get(modeId);
        }
        return name == null ? "mode-" + modeId : name;
    }

    public Optional<Integer> id(String name)
    {
        Integer id = ids.get(name);
        if (id == null) {
            reload();
            id = ids.get(name);
        }
        return Optional.ofNullable(id);
    }

    private void reload()
    {
        jdbi.useHandle(handle -> handle.createQuery("SELECT id, name FROM mode")
                .map((rs, ctx) -> Map.entry(rs.getInt("id"), rs.getString("name")))
                .forEach(entry -> {
                    names.put(entry.getKey(), entry.getValue());
                    ids.put(entry.getValue(), entry.getKey());
                }));
    }
}
