package dev.iris.common.document;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.List;

/**
 * The one unified diff of two versions of a document (a plan's or a template's YAML), shown before
 * a new version is published: by {@code iris plan apply} and by the web import.
 */
public final class DocumentDiff
{
    private DocumentDiff() {}

    /**
     * A unified diff of two texts; empty when they are equal.
     */
    public static List<String> diff(String name, String active, String proposed)
    {
        List<String> original = active.lines().toList();
        List<String> revised = proposed.lines().toList();
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(name + " (active)", name + " (proposed)", original, patch, 3);
    }
}
