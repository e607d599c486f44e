package dev.iris.core.query;

import dev.iris.common.http.IrisException;
import dev.iris.core.request.QueryValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The query string of an Iris search ({@code field__op=value&fields=a,b&limit=N}). The special
 * parameters are taken out as they are read; what remains are the filters.
 */
public final class SearchParameters
{
    private final Map<String, List<String>> parameters;

    private SearchParameters(Map<String, List<String>> parameters)
    {
        this.parameters = parameters;
    }

    public static SearchParameters of(Map<String, List<String>> queryParameters)
    {
        requireNonNull(queryParameters, "queryParameters is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        queryParameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return new SearchParameters(copy);
    }

    /**
     * Takes out {@code limit}; 400 when it is not a non-negative integer.
     */
    public Optional<Integer> takeLimit()
    {
        List<String> values = parameters.remove("limit");
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(values.size() - 1).trim();
        int limit;
        try {
            limit = Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            // Falcon's get_param_as_int wording, which Iris answers with.
            throw IrisException.badRequest("Invalid parameter", "The \"limit\" parameter is invalid. The value must be an integer.");
        }
        if (limit < 0) {
            // Iris passes a negative limit to MySQL, which fails (500); Falcon words a minimum so.
            throw IrisException.badRequest("Invalid parameter", "The \"limit\" parameter is invalid. The value must be at least 0");
        }
        return Optional.of(limit);
    }

    /**
     * Takes out a comma-separated list parameter ({@code fields}, {@code target}); empty when absent.
     */
    public List<String> takeList(String name)
    {
        List<String> values = parameters.remove(name);
        List<String> result = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        result.add(part.trim());
                    }
                }
            }
        }
        return result;
    }

    /**
     * Takes out a boolean parameter, read as Falcon reads one ({@code 1/true/yes/on/t/y} and their
     * opposites); 400 for anything else.
     */
    public Optional<Boolean> takeFlag(String name)
    {
        List<String> values = parameters.remove(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(QueryValues.booleanValue(values.get(values.size() - 1)).orElseThrow(() ->
                IrisException.badRequest("Invalid parameter", "The \"" + name + "\" parameter is invalid. The value must be a boolean.")));
    }

    /**
     * Takes out every parameter named {@code name} or {@code name__<op>}, keyed by the full name.
     */
    public Map<String, List<String>> takeField(String name)
    {
        Map<String, List<String>> taken = new LinkedHashMap<>();
        parameters.entrySet().removeIf(entry -> {
            if (entry.getKey().equals(name) || entry.getKey().startsWith(name + "__")) {
                taken.put(entry.getKey(), entry.getValue());
                return true;
            }
            return false;
        });
        return taken;
    }

    /**
     * The parameters not taken out yet: the filters.
     */
    public Map<String, List<String>> remaining()
    {
        return parameters;
    }
}
