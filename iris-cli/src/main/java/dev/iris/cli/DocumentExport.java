package dev.iris.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * {@code export NAME [-o FILE]} for a plan or a template: the active version as YAML, ready for
 * {@code apply}; with {@code --json}, the API's JSON as it is.
 */
public final class DocumentExport
{
    private DocumentExport() {}

    /**
     * @param file where to write the YAML; null for standard output
     */
    public static int run(DocumentKind kind, ClientOptions options, Output output, String name, Path file)
    {
        JsonNode document;
        try {
            document = options.readOnlyClient().get(kind.path(name));
        }
        catch (ApiRefusedException e) {
            if (e.status() == 404) {
                // Iris answers a bare 404; say which one is missing.
                throw new ApiRefusedException(404, "Not Found", "No " + kind.noun() + " named " + name);
            }
            throw e;
        }
        if (options.json()) {
            output.json(document);
            return ExitCodes.OK;
        }
        String yaml = kind.yaml(kind.canonical().of(document, kind.noun() + " " + name));
        if (file != null) {
            Documents.writeFile(file, yaml);
            output.note("Wrote " + kind.noun() + " " + name + " to " + file);
        }
        else {
            output.out().print(yaml);
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
