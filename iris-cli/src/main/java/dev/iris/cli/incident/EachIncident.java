package dev.iris.cli.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iris.cli.ApiRefusedException;
import dev.iris.cli.Output;
import dev.iris.cli.PartialFailureException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One API call per incident id, for the verbs that take several ({@code claim}, {@code resolve}):
 * progress goes to standard error, and a refusal of one of several ids is noted while the rest go
 * on. A refusal of the only id is the command's error as it is.
 */
final class EachIncident
{
    private EachIncident() {}

    /**
     * The call for one incident; it may also print what the command shows for an accepted one.
     */
    @FunctionalInterface
    interface Call
    {
        JsonNode apply(long id);
    }

    /**
     * @param results the API's answers for the accepted incidents, in order
     */
    record Outcome(List<JsonNode> results, int refused, int total)
    {
        /**
         * @throws PartialFailureException when the API refused any of the incidents
         */
        void requireNoneRefused()
        {
            if (refused > 0) {
                throw new PartialFailureException(refused + " of " + total + " incidents were refused");
            }
        }
    }

    /**
     * @param done the progress note for an accepted incident ({@code claimed 42})
     */
    static Outcome run(List<Long> ids, Output output, Call call, LongFunction<String> done)
    {
        List<JsonNode> results = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            try {
                results.add(call.apply(id));
                if (ids.size() > 1) {
                    output.progress(i + 1, ids.size(), done.apply(id));
                }
            }
            catch (ApiRefusedException e) {
                if (ids.size() == 1) {
                    throw e;
                }
                refused++;
                output.note("[" + (i + 1) + "/" + ids.size() + "] incident " + id + " refused: " + e.title()
                        + (e.description() == null ? "" : ": " + e.description()));
            }
        }
        return new Outcome(results, refused, ids.size());
    }
}
